import { PageContainer, ProDescriptions, ProTable } from '@ant-design/pro-components';
import { Tag } from 'antd';
import { useCallback } from 'react';
import { ok } from '../../api/client';
import type { ResponseOf } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAsync } from '../../components/useAsync';
import { shortHash, timeOf } from '../../format/format';
import { useI18n } from '../../i18n/I18nProvider';
import { useScope } from '../../session/SessionContext';

type Keys = ResponseOf<'/v1/programs/{program}/audit/keys', 'get'>;

/** The keys that sign the program's checkpoints, and its witnesses' keys (the public view). */
export function SigningKeysPage() {
  const { api, program } = useScope();
  const { t } = useI18n();
  const keys = useAsync(
    useCallback(
      async () =>
        ok(await api.GET('/v1/programs/{program}/audit/keys', { params: { path: { program } } })),
      [api, program],
    ),
  );
  const v = keys.value;
  const unix = (s: number | null) => (s === null ? '—' : timeOf(new Date(s * 1000).toISOString()));
  return (
    <PageContainer title={t('signingKeys.title')}>
      <ErrorAlert error={keys.error} />
      <ProDescriptions column={2} loading={keys.loading}>
        <ProDescriptions.Item label={t('signingKeys.origin')}>
          {v?.origin ?? '—'}
        </ProDescriptions.Item>
        <ProDescriptions.Item label={t('programs.auditHash')}>
          {v?.hash ?? '—'}
        </ProDescriptions.Item>
        <ProDescriptions.Item label={t('signingKeys.sealing')}>
          {v ? `${v.sealing.status} (${v.sealing.unsealedAgeSeconds} s)` : '—'}
        </ProDescriptions.Item>
      </ProDescriptions>
      <ProTable<Keys['keys'][number]>
        headerTitle={t('signingKeys.title')}
        rowKey="keyId"
        search={false}
        pagination={false}
        options={false}
        dataSource={v?.keys ?? []}
        columns={[
          { title: t('common.name'), dataIndex: 'name' },
          { title: 'keyId', dataIndex: 'keyId' },
          {
            title: 'vkey',
            dataIndex: 'vkey',
            render: (_, k) => shortHash(k.vkey, 24),
            copyable: true,
          },
          {
            title: t('signingKeys.state'),
            dataIndex: 'state',
            render: (_, k) => (
              <Tag color={k.state === 'active' ? 'green' : undefined}>{k.state}</Tag>
            ),
          },
          { title: 'activatedAt', dataIndex: 'activatedAt', render: (_, k) => unix(k.activatedAt) },
          { title: 'retiredAt', dataIndex: 'retiredAt', render: (_, k) => unix(k.retiredAt) },
        ]}
      />
      <ProTable<Keys['witnesses'][number]>
        headerTitle={t('signingKeys.witnesses')}
        rowKey="keyId"
        search={false}
        pagination={false}
        options={false}
        dataSource={v?.witnesses ?? []}
        columns={[
          { title: t('common.name'), dataIndex: 'name' },
          { title: 'keyId', dataIndex: 'keyId' },
          { title: 'vkey', dataIndex: 'vkey', render: (_, w) => shortHash(w.vkey, 24) },
          {
            title: t('common.createdAt'),
            dataIndex: 'addedAt',
            render: (_, w) => timeOf(w.addedAt),
          },
          {
            title: t('common.revoked'),
            dataIndex: 'revokedAt',
            render: (_, w) => timeOf(w.revokedAt),
          },
        ]}
      />
    </PageContainer>
  );
}
