import { PageContainer, ProDescriptions } from '@ant-design/pro-components';
import { Tag } from 'antd';
import { useCallback } from 'react';
import { ok } from '../../api/client';
import type { CheckpointView } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CursorTable } from '../../components/CursorTable';
import { useAsync } from '../../components/useAsync';
import { useCursorList } from '../../components/useCursorList';
import { shortHash, timeOf } from '../../format/format';
import { useI18n } from '../../i18n/I18nProvider';
import { useScope } from '../../session/SessionContext';

/** Is the audit log well: the last self-check, how far sealing lags, the checkpoints and who cosigned. */
export function AuditHealthPage() {
  const { api, program } = useScope();
  const { t } = useI18n();
  const fsck = useAsync(
    useCallback(
      async () =>
        ok(await api.GET('/v1/programs/{program}/audit/fsck', { params: { path: { program } } })),
      [api, program],
    ),
  );
  const keys = useAsync(
    useCallback(
      async () =>
        ok(await api.GET('/v1/programs/{program}/audit/keys', { params: { path: { program } } })),
      [api, program],
    ),
  );
  const checkpoints = useCursorList<CheckpointView>(
    useCallback(
      async (after) => {
        const page = ok(
          await api.GET('/v1/programs/{program}/audit/checkpoints', {
            params: {
              path: { program },
              query: { limit: 50, ...(after ? { after: Number(after) } : {}) },
            },
          }),
        );
        return { items: page.checkpoints, next: page.next === null ? null : String(page.next) };
      },
      [api, program],
    ),
  );
  const f = fsck.value;
  return (
    <PageContainer title={t('audit.title')}>
      <ErrorAlert error={fsck.error ?? keys.error} />
      <ProDescriptions title={t('audit.fsck')} column={3} bordered loading={fsck.loading}>
        <ProDescriptions.Item label={t('common.status')}>
          {f ? (
            <Tag color={f.status === 'pass' ? 'green' : f.status === 'fail' ? 'red' : undefined}>
              {f.status}
            </Tag>
          ) : (
            '—'
          )}
        </ProDescriptions.Item>
        <ProDescriptions.Item label={t('audit.checkedAt')}>
          {timeOf(f?.checkedAt)}
        </ProDescriptions.Item>
        <ProDescriptions.Item label={t('audit.treeSize')}>
          {f?.treeSize ?? '—'}
        </ProDescriptions.Item>
        <ProDescriptions.Item label={t('audit.accounts')}>
          {f?.accountsChecked ?? '—'}
        </ProDescriptions.Item>
        <ProDescriptions.Item label="ms">{f?.durationMs ?? '—'}</ProDescriptions.Item>
        <ProDescriptions.Item label={t('events.reason')}>
          {f?.discrepancy ? `${f.discrepancy.check}: ${f.discrepancy.message}` : '—'}
        </ProDescriptions.Item>
        <ProDescriptions.Item label={t('audit.sealing')}>
          {keys.value?.sealing.status ?? '—'}
        </ProDescriptions.Item>
        <ProDescriptions.Item label={t('audit.unsealedAge')}>
          {keys.value?.sealing.unsealedAgeSeconds ?? '—'}
        </ProDescriptions.Item>
        <ProDescriptions.Item label={t('signingKeys.witnesses')}>
          {keys.value?.witnesses
            .filter((w) => !w.revokedAt)
            .map((w) => w.name)
            .join(', ') || '—'}
        </ProDescriptions.Item>
      </ProDescriptions>
      <CursorTable<CheckpointView>
        list={checkpoints}
        headerTitle={t('audit.checkpoints')}
        rowKey="treeSize"
        style={{ marginTop: 16 }}
        columns={[
          { title: t('audit.treeSize'), dataIndex: 'treeSize' },
          {
            title: t('audit.rootHash'),
            dataIndex: 'rootHash',
            render: (_, c) => shortHash(c.rootHash, 16),
          },
          {
            title: t('audit.signedAt'),
            dataIndex: 'signedAt',
            render: (_, c) => timeOf(c.signedAt),
          },
          {
            title: t('audit.cosigners'),
            dataIndex: 'cosigners',
            render: (_, c) =>
              c.cosigners.length ? c.cosigners.map((n) => <Tag key={n}>{n}</Tag>) : '—',
          },
        ]}
      />
    </PageContainer>
  );
}
