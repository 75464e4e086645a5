import { PageContainer, ProTable } from '@ant-design/pro-components';
import { Button, Drawer, Modal, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { ok } from '../../api/client';
import type { MethodologyView } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAsync } from '../../components/useAsync';
import { shortHash, timeOf } from '../../format/format';
import { useI18n } from '../../i18n/I18nProvider';
import { useScope } from '../../session/SessionContext';
import { MethodologyEditor } from './MethodologyEditor';

/** The bureau's methodologies: drafts to edit and publish, published ones to retire. */
export function MethodologiesPage() {
  const { api, program } = useScope();
  const { t } = useI18n();
  const [editing, setEditing] = useState<MethodologyView | 'new' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const params = { path: { program } };
  // The hook's dialogs take the console's locale and theme (Modal.confirm would not).
  const [modal, modalHolder] = Modal.useModal();
  const drafts = useAsync(
    useCallback(
      async () =>
        ok(
          await api.GET('/v1/programs/{program}/methodologies/drafts', {
            params: { path: { program } },
          }),
        ),
      [api, program],
    ),
  );
  const published = useAsync(
    useCallback(
      async () =>
        ok(
          await api.GET('/v1/programs/{program}/methodologies', { params: { path: { program } } }),
        ),
      [api, program],
    ),
  );
  const reload = async () => {
    await Promise.all([drafts.reload(), published.reload()]);
  };

  const retire = (m: MethodologyView) =>
    modal.confirm({
      title: `${t('methodologies.retire')} ${m.code}@${m.version}`,
      content: (
        <>
          <p>{t('methodologies.retireConfirm')}</p>
          <Typography.Text code data-testid="retire-hash" style={{ wordBreak: 'break-all' }}>
            {m.contentHash}
          </Typography.Text>
        </>
      ),
      okText: t('methodologies.retire'),
      okButtonProps: { danger: true },
      onOk: async () => {
        setError(null);
        try {
          ok(
            await api.POST(
              '/v1/programs/{program}/methodologies/{code}/versions/{version}/retire',
              {
                params: { path: { ...params.path, code: m.code, version: m.version } },
              },
            ),
          );
          await reload();
        } catch (err) {
          setError(err);
        }
      },
    });

  const columns = (withActions: 'edit' | 'retire') => [
    { title: t('common.code'), dataIndex: 'code' },
    { title: t('methodologies.version'), dataIndex: 'version' },
    { title: t('common.name'), dataIndex: ['definition', 'title'] },
    { title: t('events.behaviour'), dataIndex: ['definition', 'behaviour'] },
    {
      title: t('common.status'),
      dataIndex: 'status',
      render: (_: unknown, m: MethodologyView) => (
        <Tag color={m.status === 'published' ? 'green' : undefined}>{m.status}</Tag>
      ),
    },
    { title: t('methodologies.formula'), dataIndex: 'formula', ellipsis: true },
    {
      title: t('methodologies.contentHash'),
      dataIndex: 'contentHash',
      render: (_: unknown, m: MethodologyView) => shortHash(m.contentHash),
    },
    {
      title: t('common.createdAt'),
      dataIndex: 'updatedAt',
      render: (_: unknown, m: MethodologyView) => timeOf(m.publishedAt ?? m.updatedAt),
    },
    {
      title: t('common.actions'),
      valueType: 'option' as const,
      render: (_: unknown, m: MethodologyView) =>
        withActions === 'edit' ? (
          <Button size="small" onClick={() => setEditing(m)}>
            {t('methodologies.edit')}
          </Button>
        ) : m.status === 'published' ? (
          <Button size="small" danger onClick={() => retire(m)}>
            {t('methodologies.retire')}
          </Button>
        ) : null,
    },
  ];

  return (
    <PageContainer
      title={t('methodologies.title')}
      extra={
        <Button type="primary" onClick={() => setEditing('new')}>
          {t('methodologies.newDraft')}
        </Button>
      }
    >
      {modalHolder}
      <ErrorAlert error={error ?? drafts.error ?? published.error} />
      <ProTable<MethodologyView>
        headerTitle={t('methodologies.drafts')}
        rowKey={(m) => `${m.code}@${m.version}`}
        search={false}
        pagination={false}
        options={false}
        loading={drafts.loading}
        dataSource={drafts.value ?? []}
        columns={columns('edit')}
      />
      <ProTable<MethodologyView>
        headerTitle={t('methodologies.published')}
        rowKey={(m) => `${m.code}@${m.version}`}
        search={false}
        pagination={false}
        options={false}
        loading={published.loading}
        dataSource={published.value ?? []}
        columns={columns('retire')}
      />
      <Drawer
        open={editing !== null}
        width={1100}
        title={
          editing === 'new'
            ? t('methodologies.newDraft')
            : editing
              ? `${editing.code}@${editing.version}`
              : ''
        }
        onClose={() => setEditing(null)}
        destroyOnHidden
      >
        {editing ? (
          <MethodologyEditor draft={editing === 'new' ? null : editing} onChanged={reload} />
        ) : null}
      </Drawer>
    </PageContainer>
  );
}
