import { ModalForm, PageContainer, ProFormText, ProTable } from '@ant-design/pro-components';
import { Button, Space } from 'antd';
import { useCallback, useState } from 'react';
import { ok } from '../../api/client';
import type { StoreView } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadMore } from '../../components/LoadMore';
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
  const [error, setError] = useState<unknown>(null);
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

  const save = async (form: StoreForm, existing?: StoreView) => {
    setError(null);
    try {
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
      return true;
    } catch (err) {
      setError(err);
      return false;
    }
  };

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
      <ErrorAlert error={error ?? list.error} />
      <ProTable<StoreView>
        rowKey="code"
        search={false}
        pagination={false}
        loading={list.loading}
        dataSource={list.items}
        options={{ reload: () => void list.reload(), density: false, setting: false }}
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
      <Space style={{ marginTop: 12 }}>
        <LoadMore list={list} />
      </Space>
    </PageContainer>
  );
}
