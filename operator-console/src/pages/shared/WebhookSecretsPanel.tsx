import { ModalForm, ProFormRadio, ProFormText, ProTable } from '@ant-design/pro-components';
import { Alert, Button, Popconfirm, Tag } from 'antd';
import { useCallback, useState } from 'react';
import { ok } from '../../api/client';
import type { WebhookSecretView } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAction } from '../../components/useAction';
import { ShownOnce } from '../../components/ShownOnce';
import { useAsync } from '../../components/useAsync';
import { shortHash, timeOf } from '../../format/format';
import { useI18n } from '../../i18n/I18nProvider';
import { useScope } from '../../session/SessionContext';

type NewSecret = { scheme: 'v1' | 'v1a'; publicKey?: string };

/**
 * An operator's webhook signing keys (v1 HMAC, whose secret is shown once; v1a Ed25519, where the
 * operator keeps its private key and hands in the public one). Rotation: add, switch, revoke.
 */
export function WebhookSecretsPanel({ participant }: { participant: string }) {
  const { api, program } = useScope();
  const { t } = useI18n();
  const [secret, setSecret] = useState<string | null>(null);
  const action = useAction();
  const params = { path: { program, participant } };
  const secrets = useAsync(
    useCallback(
      async () =>
        ok(
          await api.GET('/v1/programs/{program}/participants/{participant}/webhook-secrets', {
            params: { path: { program, participant } },
          }),
        ),
      [api, program, participant],
    ),
  );

  const add = (body: NewSecret) =>
    action.run(async () => {
      const created = ok(
        await api.POST('/v1/programs/{program}/participants/{participant}/webhook-secrets', {
          params,
          body: body.scheme === 'v1' ? { scheme: 'v1' } : body,
        }),
      );
      setSecret(created.secret);
      await secrets.reload();
    });

  const revoke = (secretId: string) =>
    action.run(async () => {
      ok(
        await api.DELETE(
          '/v1/programs/{program}/participants/{participant}/webhook-secrets/{secretId}',
          { params: { path: { program, participant, secretId } } },
        ),
      );
      await secrets.reload();
    });

  return (
    <>
      <Alert
        type="info"
        showIcon
        message={t('webhookSecrets.rotateHint')}
        style={{ marginBottom: 12 }}
      />
      <ErrorAlert error={action.error ?? secrets.error} />
      <ProTable<WebhookSecretView>
        headerTitle={t('webhookSecrets.title')}
        rowKey="id"
        search={false}
        pagination={false}
        options={{ reload: () => void secrets.reload(), density: false, setting: false }}
        loading={secrets.loading}
        dataSource={secrets.value ?? []}
        toolBarRender={() => [
          <ModalForm<NewSecret>
            key="add"
            title={t('webhookSecrets.add')}
            trigger={<Button type="primary">{t('webhookSecrets.add')}</Button>}
            initialValues={{ scheme: 'v1' }}
            onFinish={add}
            modalProps={{ destroyOnHidden: true }}
          >
            <ProFormRadio.Group
              name="scheme"
              label={t('webhookSecrets.scheme')}
              options={[
                { value: 'v1', label: 'v1 HMAC-SHA256' },
                { value: 'v1a', label: 'v1a Ed25519' },
              ]}
            />
            <ProFormText
              name="publicKey"
              label={t('webhookSecrets.publicKey')}
              placeholder="whpk_…"
              dependencies={['scheme']}
            />
          </ModalForm>,
        ]}
        columns={[
          { title: 'ID', dataIndex: 'id', copyable: true },
          { title: t('webhookSecrets.scheme'), dataIndex: 'scheme' },
          {
            title: t('webhookSecrets.publicKey'),
            dataIndex: 'publicKey',
            render: (_, s) => shortHash(s.publicKey),
          },
          {
            title: t('common.createdAt'),
            dataIndex: 'createdAt',
            render: (_, s) => timeOf(s.createdAt),
          },
          {
            title: t('common.status'),
            dataIndex: 'revokedAt',
            render: (_, s) =>
              s.revokedAt ? (
                <Tag>{t('common.revoked')}</Tag>
              ) : (
                <Tag color="green">{t('common.live')}</Tag>
              ),
          },
          {
            title: t('common.actions'),
            valueType: 'option',
            render: (_, s) =>
              s.revokedAt
                ? null
                : [
                    <Popconfirm
                      key="revoke"
                      title={t('common.revoke')}
                      onConfirm={() => revoke(s.id)}
                    >
                      <Button danger size="small">
                        {t('common.revoke')}
                      </Button>
                    </Popconfirm>,
                  ],
          },
        ]}
      />
      <ShownOnce label={t('webhookSecrets.title')} value={secret} onClose={() => setSecret(null)} />
    </>
  );
}
