import { PageContainer } from '@ant-design/pro-components';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { ok } from '../../api/client';
import type { ResponseOf } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { QrCode } from '../../components/QrCode';
import { timeOf } from '../../format/format';
import { useI18n } from '../../i18n/I18nProvider';
import { useScope } from '../../session/SessionContext';

type Issued = ResponseOf<
  '/v1/programs/{program}/participants/{participant}/binding-tokens',
  'post'
>;

/** A one-time binding token for one of the operator's users, shown as a QR to scan in the mini-program. */
export function BindingTokensPage() {
  const { api, program, principal } = useScope();
  const participant = principal.participant!;
  const { t } = useI18n();
  const [issued, setIssued] = useState<Issued | null>(null);
  const [error, setError] = useState<unknown>(null);

  const issue = async ({ user }: { user: string }) => {
    setError(null);
    try {
      setIssued(
        ok(
          await api.POST('/v1/programs/{program}/participants/{participant}/binding-tokens', {
            params: { path: { program, participant } },
            body: { user },
          }),
        ),
      );
    } catch (err) {
      setError(err);
    }
  };

  return (
    <PageContainer title={t('bindingTokens.title')}>
      <Alert type="info" showIcon message={t('bindingTokens.hint')} style={{ marginBottom: 16 }} />
      <ErrorAlert error={error} />
      <Form layout="inline" onFinish={issue}>
        <Form.Item name="user" label={t('bindingTokens.user')} rules={[{ required: true }]}>
          <Input style={{ width: 260 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('bindingTokens.issue')}
        </Button>
      </Form>
      {issued ? (
        <Card style={{ marginTop: 16, maxWidth: 420 }}>
          <Space direction="vertical">
            <QrCode text={issued.token} label={t('bindingTokens.title')} />
            <Typography.Text code copyable data-testid="binding-token">
              {issued.token}
            </Typography.Text>
            <span>
              {t('bindingTokens.expires')}: {timeOf(issued.expiresAt)}
            </span>
          </Space>
        </Card>
      ) : null}
    </PageContainer>
  );
}
