import { ModalForm, ProFormText, ProTable } from '@ant-design/pro-components';
import { Button, Popconfirm, Tag } from 'antd';
import { useCallback, useState } from 'react';
import { ok } from '../../api/client';
import type { ApiKeyView } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAction } from '../../components/useAction';
import { ShownOnce } from '../../components/ShownOnce';
import { useAsync } from '../../components/useAsync';
import { timeOf } from '../../format/format';
import { useI18n } from '../../i18n/I18nProvider';
import { useScope } from '../../session/SessionContext';

/** A participant's API keys: a new key's token is shown once; a key can be revoked. */
export function ApiKeysPanel({ participant }: { participant: string }) {
  const { api, program } = useScope();
  const { t } = useI18n();
  const [token, setToken] = useState<string | null>(null);
  const action = useAction();
  const params = { path: { program, participant } };
  const keys = useAsync(
    useCallback(
      async () =>
        ok(
          await api.GET('/v1/programs/{program}/participants/{participant}/api-keys', {
            params: { path: { program, participant } },
          }),
        ),
      [api, program, participant],
    ),
  );

  const create = ({ label }: { label: string }) =>
    action.run(async () => {
      const created = ok(
        await api.POST('/v1/programs/{program}/participants/{participant}/api-keys', {
          params,
          body: { label },
        }),
      );
      setToken(created.token);
      await keys.reload();
    });

  const revoke = (keyId: string) =>
    action.run(async () => {
      ok(
        await api.DELETE('/v1/programs/{program}/participants/{participant}/api-keys/{keyId}', {
          params: { path: { program, participant, keyId } },
        }),
      );
      await keys.reload();
    });

  return (
    <>
      <ErrorAlert error={action.error ?? keys.error} />
      <ProTable<ApiKeyView>
        headerTitle={t('apiKeys.title')}
        rowKey="id"
        search={false}
        pagination={false}
        options={{ reload: () => void keys.reload(), density: false, setting: false }}
        loading={keys.loading}
        dataSource={keys.value ?? []}
        toolBarRender={() => [
          <ModalForm<{ label: string }>
            key="create"
            title={t('apiKeys.create')}
            trigger={<Button type="primary">{t('apiKeys.create')}</Button>}
            onFinish={create}
            modalProps={{ destroyOnHidden: true }}
          >
            <ProFormText name="label" label={t('apiKeys.label')} rules={[{ required: true }]} />
          </ModalForm>,
        ]}
        columns={[
          { title: 'ID', dataIndex: 'id', copyable: true },
          { title: t('apiKeys.label'), dataIndex: 'label' },
          {
            title: t('common.createdAt'),
            dataIndex: 'createdAt',
            render: (_, k) => timeOf(k.createdAt),
          },
          {
            title: t('apiKeys.lastUsed'),
            dataIndex: 'lastUsedAt',
            render: (_, k) => timeOf(k.lastUsedAt),
          },
          {
            title: t('common.status'),
            dataIndex: 'revokedAt',
            render: (_, k) =>
              k.revokedAt ? (
                <Tag>{t('common.revoked')}</Tag>
              ) : (
                <Tag color="green">{t('common.live')}</Tag>
              ),
          },
          {
            title: t('common.actions'),
            valueType: 'option',
            render: (_, k) =>
              k.revokedAt
                ? null
                : [
                    <Popconfirm
                      key="revoke"
                      title={t('apiKeys.revokeConfirm')}
                      onConfirm={() => revoke(k.id)}
                    >
                      <Button danger size="small">
                        {t('common.revoke')}
                      </Button>
                    </Popconfirm>,
                  ],
          },
        ]}
      />
      <ShownOnce label={t('signIn.key')} value={token} onClose={() => setToken(null)} />
    </>
  );
}
