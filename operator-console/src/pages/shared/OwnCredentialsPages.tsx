import { PageContainer } from '@ant-design/pro-components';
import { useI18n } from '../../i18n/I18nProvider';
import { useScope } from '../../session/SessionContext';
import { ApiKeysPanel } from './ApiKeysPanel';
import { WebhookSecretsPanel } from './WebhookSecretsPanel';

/** The signed-in participant's own API keys (operators and merchants alike). */
export function OwnApiKeysPage() {
  const { principal } = useScope();
  const { t } = useI18n();
  return (
    <PageContainer title={t('apiKeys.title')}>
      <ApiKeysPanel participant={principal.participant!} />
    </PageContainer>
  );
}

/** The signed-in operator's own webhook signing keys, and their rotation. */
export function OwnWebhookSecretsPage() {
  const { principal } = useScope();
  const { t } = useI18n();
  return (
    <PageContainer title={t('webhookSecrets.title')}>
      <WebhookSecretsPanel participant={principal.participant!} />
    </PageContainer>
  );
}
