import { ModalForm, PageContainer, ProFormText } from '@ant-design/pro-components';
import { Button } from 'antd';
import { useCallback } from 'react';
import { ok } from '../../api/client';
import type { StoreView } from '../../api/types';
import { CursorTable } from '../../components/CursorTable';
import { useAction } from '../../components/useAction';
import { useCursorList } from '../../components/useCursorList';
import { timeOf } from '../../format/format';
import { useI18n } from '../../i18n/I18nProvider';
import { useScope } from '../../session/SessionContext';

type StoreForm = { code: string; name: string; district: string };

/** The merchant's stores, by code a page at a time; add one or rename it. */
export function StoresPage() {
  const { api, program, principal } = useScope();
  const participant = principal.participant!;
  const { t } = useI18n();
  const action = useAction();
  const list = useCursorList<StoreView>(
    useCallback(
      async (after) => {
        const page = ok(
          await api.GET('/v1/programs/{program}/participants/{participant}/stores', {
            params: { path: { program, participant }, query: after ? { after } : {} },
          }),
        );
        return { items: page.stores, next: page.next };
      },
      [api, program, participant],
    ),
  );

  const save = (form: StoreForm, existing?: StoreView) =>
    action.run(async () => {
      if (existing)
        ok(
          await api.PATCH('/v1/programs/{program}/participants/{participant}/stores/{store}', {
            params: { path: { program, participant, store: existing.code } },
            body: { name: form.name, district: form.district },
          }),
        );
      else
        ok(
          await api.POST('/v1/programs/{program}/participants/{participant}/stores', {
            params: { path: { program, participant } },
            body: form,
          }),
        );
      await list.reload();
    });

  const form = (existing?: StoreView) => (
    <ModalForm<StoreForm>
      key={existing?.code ?? 'add'}
      title={existing ? existing.code : t('stores.add')}
      trigger={
        existing ? (
          <Button size="small">{t('common.save')}</Button>
        ) : (
          <Button type="primary">{t('stores.add')}</Button>
        )
      }
      initialValues={existing}
      onFinish={(f) => save(f, existing)}
      modalProps={{ destroyOnHidden: true }}
    >
      <ProFormText
        name="code"
        label={t('common.code')}
        disabled={!!existing}
        rules={[{ required: true }]}
      />
      <ProFormText name="name" label={t('common.name')} rules={[{ required: true }]} />
      <ProFormText
        name="district"
        label={t('stores.district')}
        placeholder="440305"
        rules={[{ required: true }]}
      />
    </ModalForm>
  );

  return (
    <PageContainer title={t('stores.title')}>
      <CursorTable<StoreView>
        list={list}
        error={action.error}
        rowKey="code"
        toolBarRender={() => [form()]}
        columns={[
          { title: t('common.code'), dataIndex: 'code' },
          { title: t('common.name'), dataIndex: 'name' },
          { title: t('stores.district'), dataIndex: 'district' },
          {
            title: t('common.createdAt'),
            dataIndex: 'createdAt',
            render: (_, s) => timeOf(s.createdAt),
          },
          { title: t('common.actions'), valueType: 'option', render: (_, s) => [form(s)] },
        ]}
      />
    </PageContainer>
  );
}
