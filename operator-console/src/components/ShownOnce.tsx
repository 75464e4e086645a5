import { Alert, Modal, Typography } from 'antd';
import { useI18n } from '../i18n/I18nProvider';

/** A secret the service shows once (an API key, a webhook secret): copy it now or never. */
export function ShownOnce({
  label,
  value,
  onClose,
}: {
  label: string;
  value: string | null;
  onClose(): void;
}) {
  const { t } = useI18n();
  return (
    <Modal
      open={value !== null}
      title={t('shownOnce.title')}
      onOk={onClose}
      onCancel={onClose}
      cancelButtonProps={{ style: { display: 'none' } }}
      destroyOnHidden
    >
      <Alert type="warning" showIcon message={t('shownOnce.hint')} style={{ marginBottom: 12 }} />
      <Typography.Text strong>{label}</Typography.Text>
      <Typography.Paragraph
        copyable
        code
        data-testid="shown-once"
        style={{ wordBreak: 'break-all' }}
      >
        {value ?? ''}
      </Typography.Paragraph>
    </Modal>
  );
}
