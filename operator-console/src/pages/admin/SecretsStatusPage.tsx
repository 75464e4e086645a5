import { PageContainer, ProDescriptions, ProTable } from '@ant-design/pro-components';
import { Tag } from 'antd';
import { useCallback } from 'react';
import { ok } from '../../api/client';
import type { ResponseOf } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAsync } from '../../components/useAsync';
import { useI18n } from '../../i18n/I18nProvider';
import { useSession } from '../../session/SessionContext';

type Kind = ResponseOf<'/v1/secrets', 'get'>['kinds'][number];

/** Which TANLIAN_SECRETS_KEY each stored secret is sealed under: what `secrets:reseal` has left. */
export function SecretsStatusPage() {
  const { api } = useSession();
  const { t } = useI18n();
  const status = useAsync(useCallback(async () => ok(await api.GET('/v1/secrets')), [api]));
  return (
    <PageContainer title={t('secrets.title')}>
      <ErrorAlert error={status.error} />
      <ProDescriptions column={2} loading={status.loading}>
        <ProDescriptions.Item label={t('secrets.currentKey')}>
          {status.value?.currentKeyId ?? '—'}
        </ProDescriptions.Item>
        <ProDescriptions.Item label="keyIds">
          {status.value?.keyIds.join(', ') ?? '—'}
        </ProDescriptions.Item>
      </ProDescriptions>
      <ProTable<Kind>
        rowKey="kind"
        search={false}
        pagination={false}
        options={false}
        loading={status.loading}
        dataSource={status.value?.kinds ?? []}
        columns={[
          { title: t('secrets.kind'), dataIndex: 'kind' },
          { title: t('secrets.current'), dataIndex: 'current' },
          {
            title: t('secrets.older'),
            dataIndex: 'older',
            render: (_, k) => (k.older > 0 ? <Tag color="orange">{k.older}</Tag> : 0),
          },
          {
            title: t('secrets.unreadable'),
            dataIndex: 'unreadable',
            render: (_, k) =>
              k.unreadable > 0 ? (
                <Tag color="red">{`${k.unreadable}: ${k.unreadableIds.join(', ')}`}</Tag>
              ) : (
                0
              ),
          },
        ]}
      />
    </PageContainer>
  );
}
