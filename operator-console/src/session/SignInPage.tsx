import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../components/ErrorAlert';
import { useI18n } from '../i18n/I18nProvider';
import { useSession } from './SessionContext';

/** Paste an API key; it is checked with GET /v1/me before the console opens. */
export function SignInPage() {
  const { signIn } = useSession();
  const { t, toggle } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async ({ key }: { key: string }) => {
    setBusy(true);
    setError(null);
    try {
      await signIn(key);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main style={{ maxWidth: 480, margin: '10vh auto', padding: 16 }}>
      <Card
        title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('signIn.title')}</h1>}
        extra={
          <Button type="link" onClick={toggle}>
            {t('language')}
          </Button>
        }
      >
        <Typography.Paragraph>{t('signIn.hint')}</Typography.Paragraph>
        {error ? (
          <>
            <Alert type="error" showIcon message={t('signIn.failed')} style={{ marginBottom: 8 }} />
            <ErrorAlert error={error} />
          </>
        ) : null}
        <Form layout="vertical" onFinish={submit} autoComplete="off">
          <Form.Item label={t('signIn.key')} name="key" rules={[{ required: true }]}>
            <Input.Password autoComplete="off" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} block>
            {t('signIn.submit')}
          </Button>
        </Form>
      </Card>
    </main>
  );
}
