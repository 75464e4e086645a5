import { ModalForm, PageContainer, ProFormText, ProTable } from '@ant-design/pro-components';
import { Button, Tag } from 'antd';
import { useCallback, useState } from 'react';
import { ok } from '../../api/client';
import type { StaffView } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ShownOnce } from '../../components/ShownOnce';
import { useAction } from '../../components/useAction';
import { useAsync } from '../../components/useAsync';
import { timeOf } from '../../format/format';
import { useI18n } from '../../i18n/I18nProvider';
import { useScope } from '../../session/SessionContext';

/** The program's staff: its bureau users and their keys; the admin adds one, its key shown once. */
export function StaffPage() {
  const { api, program } = useScope();
  const { t } = useI18n();
  const [token, setToken] = useState<string | null>(null);
  const adding = useAction();
  const staff = useAsync(
    useCallback(
      async () =>
        ok(await api.GET('/v1/programs/{program}/staff', { params: { path: { program } } })),
      [api, program],
    ),
  );

  const add = (body: { name: string; label: string }) =>
    adding.run(async () => {
      const created = ok(
        await api.POST('/v1/programs/{program}/staff', { params: { path: { program } }, body }),
      );
      setToken(created.token);
      await staff.reload();
    });

  return (
    <PageContainer title={t('staff.title')}>
      <ErrorAlert error={adding.error ?? staff.error} />
      <ProTable<StaffView>
        rowKey={(s) => `${s.name}-${s.createdAt}`}
        search={false}
        pagination={false}
        loading={staff.loading}
        dataSource={staff.value ?? []}
        options={{ reload: () => void staff.reload(), density: false, setting: false }}
        toolBarRender={() => [
          <ModalForm<{ name: string; label: string }>
            key="add"
            title={t('staff.add')}
            trigger={<Button type="primary">{t('staff.add')}</Button>}
            initialValues={{ label: 'console' }}
            onFinish={add}
            modalProps={{ destroyOnHidden: true }}
          >
            <ProFormText name="name" label={t('common.name')} rules={[{ required: true }]} />
            <ProFormText name="label" label={t('apiKeys.label')} rules={[{ required: true }]} />
          </ModalForm>,
        ]}
        columns={[
          { title: t('common.name'), dataIndex: 'name' },
          { title: t('staff.role'), render: () => <Tag>{t('role.bureau')}</Tag> },
          {
            title: t('staff.keys'),
            render: (_, s) =>
              s.keys.map((k) => (
                <Tag key={k.id} color={k.revokedAt ? undefined : 'green'}>
                  {k.id} · {k.label}
                </Tag>
              )),
          },
          { title: t('common.createdAt'), render: (_, s) => timeOf(s.createdAt) },
        ]}
      />
      <ShownOnce label={t('staff.token')} value={token} onClose={() => setToken(null)} />
    </PageContainer>
  );
}
