import { ProDescriptions, ProTable } from '@ant-design/pro-components';
import { Button, Card, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { CycleDetailView, CycleFileView, PositionView } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAction } from '../../components/useAction';
import { shortHash, timeOf, yuanOf } from '../../format/format';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/zh-CN';
import { CycleState } from './CycleState';
import { useCycleFiles } from './useCycleFiles';

const KIND: Record<CycleFileView['kind'], MessageKey> = {
  reconciliation: 'cycles.kind.reconciliation',
  statement: 'cycles.kind.statement',
  instructions: 'cycles.kind.instructions',
  cancellation_report: 'cycles.kind.cancellation',
};

/**
 * One cycle: its dates, rate and fee, the net positions and the files the viewer may see, each
 * file downloaded only when its bytes are the ones issued. `participant` null is the hub's view.
 */
export function CycleDetail({
  cycle,
  participant,
  positionAction,
}: {
  cycle: CycleDetailView;
  participant: string | null;
  /** What a position row offers (a participant's confirmation). */
  positionAction?(position: PositionView): ReactNode;
}) {
  const { t } = useI18n();
  const files = useCycleFiles(cycle.sequence, participant);
  const fetching = useAction();
  return (
    <Card
      title={`${t('cycles.cycle')} ${cycle.sequence}`}
      extra={<CycleState state={cycle.state} />}
      style={{ marginBottom: 16 }}
      data-testid="cycle-detail"
    >
      <ProDescriptions column={3} style={{ marginBottom: 12 }}>
        <ProDescriptions.Item label={t('cycles.tradeDate')}>
          {cycle.tradeDate ?? '—'}
        </ProDescriptions.Item>
        <ProDescriptions.Item label={t('cycles.valueDate')}>
          {cycle.valueDate ?? '—'}
        </ProDescriptions.Item>
        <ProDescriptions.Item label={t('cycles.closesAt')}>
          {timeOf(cycle.closesAt)}
        </ProDescriptions.Item>
        <ProDescriptions.Item label={t('cycles.fenPerPoint')}>
          {cycle.fenPerPoint ?? '—'}
        </ProDescriptions.Item>
        <ProDescriptions.Item label={t('cycles.feeBps')}>
          {cycle.merchantFeeBps ?? '—'}
        </ProDescriptions.Item>
        <ProDescriptions.Item label={t('cycles.settledAt')}>
          {timeOf(cycle.settledAt)}
        </ProDescriptions.Item>
      </ProDescriptions>
      <ProTable<PositionView>
        headerTitle={t('cycles.positions')}
        rowKey="participant"
        search={false}
        pagination={false}
        options={false}
        dataSource={cycle.positions}
        columns={[
          { title: t('cycles.participant'), dataIndex: 'participant' },
          { title: t('cycles.receivable'), render: (_, p) => yuanOf(p.receivableFen) },
          { title: t('cycles.fee'), render: (_, p) => yuanOf(p.feeFen) },
          { title: t('cycles.payable'), render: (_, p) => yuanOf(p.payableFen) },
          {
            title: t('cycles.net'),
            render: (_, p) => <span data-testid={`net-${p.participant}`}>{yuanOf(p.netFen)}</span>,
          },
          { title: t('cycles.method'), dataIndex: 'method' },
          {
            title: t('cycles.confirmed'),
            render: (_, p) =>
              p.confirmedAt ? `${p.bankReference ?? ''} · ${timeOf(p.confirmedAt)}` : '—',
          },
          ...(positionAction
            ? [
                {
                  title: t('common.actions'),
                  render: (_: unknown, p: PositionView) => positionAction(p),
                },
              ]
            : []),
        ]}
      />
      <ErrorAlert error={fetching.error} />
      <ProTable<CycleFileView>
        headerTitle={t('cycles.files')}
        rowKey="id"
        search={false}
        pagination={false}
        options={false}
        dataSource={cycle.files}
        style={{ marginTop: 12 }}
        columns={[
          { title: t('cycles.kind'), render: (_, f) => t(KIND[f.kind]) },
          { title: t('cycles.participant'), render: (_, f) => f.participant ?? t('cycles.hub') },
          { title: t('common.name'), dataIndex: 'name' },
          {
            title: 'SHA-256',
            render: (_, f) => (
              <Typography.Text copyable={{ text: f.sha256 }}>
                {shortHash(f.sha256, 8)}
              </Typography.Text>
            ),
          },
          { title: t('cycles.bytes'), dataIndex: 'bytes' },
          {
            title: t('common.actions'),
            render: (_, f) => [
              <Button
                key="get"
                size="small"
                onClick={() => void fetching.run(() => files.download(f))}
              >
                {t('cycles.download')}
              </Button>,
              files.checked[f.id] === undefined ? null : files.checked[f.id] ? (
                <Tag key="ok" color="green" style={{ marginLeft: 8 }}>
                  {t('cycles.hashOk')}
                </Tag>
              ) : (
                <Tag key="bad" color="red" style={{ marginLeft: 8 }}>
                  {t('cycles.hashBad')}
                </Tag>
              ),
            ],
          },
        ]}
      />
    </Card>
  );
}
