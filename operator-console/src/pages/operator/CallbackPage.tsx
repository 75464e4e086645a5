import { PageContainer, ProDescriptions } from '@ant-design/pro-components';
import { Button, Card, Form, Input, Popconfirm, Space, Tag } from 'antd';
import { useCallback, useState } from 'react';
import { ok } from '../../api/client';
import { ApiError } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ShownOnce } from '../../components/ShownOnce';
import { useAsync } from '../../components/useAsync';
import { timeOf } from '../../format/format';
import { useI18n } from '../../i18n/I18nProvider';
import { useScope } from '../../session/SessionContext';
import { DeliveriesTable } from './DeliveriesTable';

/** Where Tanlian calls the operator back, its signing secret, and the deliveries. */
export function CallbackPage() {
  const { api, program, principal } = useScope();
  const participant = principal.participant!;
  const { t } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const params = { path: { program, participant } };
  const callback = useAsync(
    useCallback(async () => {
      try {
        return ok(
          await api.GET('/v1/programs/{program}/participants/{participant}/callback', {
            params: { path: { program, participant } },
          }),
        );
      } catch (err) {
        // No callback yet is a state of the page, not an error.
        if (err instanceof ApiError && err.code === 'callback_not_configured') return null;
        throw err;
      }
    }, [api, program, participant]),
  );

  const act = async (work: () => Promise<object | undefined>) => {
    setError(null);
    try {
      const answer = await work();
      if (answer && 'secret' in answer && typeof answer.secret === 'string')
        setSecret(answer.secret);
      await callback.reload();
    } catch (err) {
      setError(err);
    }
  };

  const c = callback.value;
  return (
    <PageContainer title={t('callback.title')}>
      <ErrorAlert error={error ?? callback.error} />
      <Card style={{ marginBottom: 16 }}>
        {c ? (
          <ProDescriptions column={2} style={{ marginBottom: 12 }}>
            <ProDescriptions.Item label={t('callback.url')}>{c.url}</ProDescriptions.Item>
            <ProDescriptions.Item label={t('callback.active')}>
              {c.active ? (
                <Tag color="green">{t('callback.on')}</Tag>
              ) : (
                <Tag color="red">{`${t('callback.off')}: ${c.disabledReason ?? ''}`}</Tag>
              )}
            </ProDescriptions.Item>
            <ProDescriptions.Item label={t('common.createdAt')}>
              {timeOf(c.secretCreatedAt)}
            </ProDescriptions.Item>
            <ProDescriptions.Item label={t('callback.previousValid')}>
              {timeOf(c.previousSecretValidUntil)}
            </ProDescriptions.Item>
          </ProDescriptions>
        ) : (
          <p>{t('callback.none')}</p>
        )}
        <Form
          layout="inline"
          key={c?.url ?? 'none'}
          initialValues={{ url: c?.url ?? '' }}
          onFinish={({ url }: { url: string }) =>
            act(async () =>
              ok(
                await api.PUT('/v1/programs/{program}/participants/{participant}/callback', {
                  params,
                  body: { url },
                }),
              ),
            )
          }
        >
          <Form.Item name="url" label={t('callback.url')} rules={[{ required: true }]}>
            <Input style={{ width: 420 }} placeholder="https://…" />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">
              {t('callback.set')}
            </Button>
            {c?.active ? (
              <Popconfirm
                title={t('callback.stop')}
                onConfirm={() =>
                  act(async () =>
                    ok(
                      await api.DELETE(
                        '/v1/programs/{program}/participants/{participant}/callback',
                        {
                          params,
                        },
                      ),
                    ),
                  )
                }
              >
                <Button danger>{t('callback.stop')}</Button>
              </Popconfirm>
            ) : null}
            {c ? (
              <Popconfirm
                title={t('callback.rotate')}
                onConfirm={() =>
                  act(async () =>
                    ok(
                      await api.POST(
                        '/v1/programs/{program}/participants/{participant}/callback/rotate-secret',
                        { params },
                      ),
                    ),
                  )
                }
              >
                <Button>{t('callback.rotate')}</Button>
              </Popconfirm>
            ) : null}
          </Space>
        </Form>
      </Card>
      <DeliveriesTable participant={participant} />
      <ShownOnce label={t('callback.title')} value={secret} onClose={() => setSecret(null)} />
    </PageContainer>
  );
}
