import { ProDescriptions, ProTable } from '@ant-design/pro-components';
import { Card, Tag } from 'antd';
import type { RedemptionView } from '../../api/types';
import { pointsOf, timeOf } from '../../format/format';
import { useI18n } from '../../i18n/I18nProvider';
import { RedemptionActions } from './RedemptionActions';

type Allocation = RedemptionView['allocations'][number];

/** One redemption: its points held, captured and refunded, its actions and which lots paid. */
export function RedemptionDetail({
  redemption: shown,
  onDone,
}: {
  redemption: RedemptionView;
  onDone(view: RedemptionView): void;
}) {
  const { t } = useI18n();
  return (
    <Card
      title={`${shown.id}`}
      style={{ marginBottom: 16 }}
      extra={
        <Tag color="blue" data-testid="redemption-status">
          {shown.status}
        </Tag>
      }
    >
      <ProDescriptions column={3} style={{ marginBottom: 12 }}>
        <ProDescriptions.Item label={t('redemptions.held')}>
          <span data-testid="held-points">{pointsOf(shown.heldPoints)}</span>
        </ProDescriptions.Item>
        <ProDescriptions.Item label={t('redemptions.captured')}>
          <span data-testid="captured-points">{pointsOf(shown.capturedPoints)}</span>
        </ProDescriptions.Item>
        <ProDescriptions.Item label={t('redemptions.refunded')}>
          <span data-testid="refunded-points">{pointsOf(shown.refundedPoints)}</span>
        </ProDescriptions.Item>
        <ProDescriptions.Item label={t('redemptions.orderId')}>
          {shown.merchantOrderId ?? '—'}
        </ProDescriptions.Item>
        <ProDescriptions.Item label={t('redemptions.expiresAt')}>
          {timeOf(shown.expiresAt)}
        </ProDescriptions.Item>
        <ProDescriptions.Item label={t('common.createdAt')}>
          {timeOf(shown.createdAt)}
        </ProDescriptions.Item>
      </ProDescriptions>
      <RedemptionActions redemption={shown} onDone={onDone} />
      <ProTable<Allocation>
        headerTitle={t('redemptions.allocations')}
        rowKey={(a) => `${a.issuer}-${a.expiresOn}`}
        search={false}
        pagination={false}
        options={false}
        dataSource={shown.allocations}
        style={{ marginTop: 12 }}
        columns={[
          { title: t('redemptions.issuer'), dataIndex: 'issuer' },
          { title: t('redemptions.expiresOn'), dataIndex: 'expiresOn' },
          { title: t('redemptions.held'), dataIndex: 'heldPoints' },
          { title: t('redemptions.captured'), dataIndex: 'capturedPoints' },
          { title: t('redemptions.refunded'), dataIndex: 'refundedPoints' },
        ]}
      />
    </Card>
  );
}
