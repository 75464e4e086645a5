import { Alert } from 'antd';
import { describeError } from '../api/errors';

/** What went wrong, as the service said it (each field and reason). */
export function ErrorAlert({ error }: { error: unknown }) {
  if (!error) return null;
  const lines = describeError(error);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      message={lines[0]}
      description={lines.length > 1 ? lines.slice(1).join('\n') : undefined}
      style={{ marginBottom: 16, whiteSpace: 'pre-line' }}
    />
  );
}
