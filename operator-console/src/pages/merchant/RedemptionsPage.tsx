import { PageContainer, ProDescriptions, ProTable } from '@ant-design/pro-components';
import { Button, Card, Form, Input, InputNumber, Tag } from 'antd';
import { useState } from 'react';
import { ok } from '../../api/client';
import { newIdempotencyKey } from '../../api/idempotency';
import type { RedemptionView } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { pointsOf, timeOf } from '../../format/format';
import { useI18n } from '../../i18n/I18nProvider';
import { useScope } from '../../session/SessionContext';
import { RedemptionActions } from './RedemptionActions';

type Allocation = RedemptionView['allocations'][number];

/**
 * Redemptions at the till: hold points with the code a resident shows, then capture, void or
 * refund; any redemption can be looked up by its id.
 */
export function RedemptionsPage() {
  const { api, program, principal } = useScope();
  const participant = principal.participant!;
  const { t } = useI18n();
  const [shown, setShown] = useState<RedemptionView | null>(null);
  const [error, setError] = useState<unknown>(null);
  // One key per hold being entered: a repeated submit after a lost answer is the same hold.
  const [holdKey, setHoldKey] = useState(newIdempotencyKey);
  const [holdForm] = Form.useForm();

  const hold = async (body: { code: string; points: number; merchantOrderId?: string }) => {
    setError(null);
    try {
      const view = ok(
        await api.POST('/v1/programs/{program}/participants/{participant}/redemptions', {
          params: { path: { program, participant }, header: { 'Idempotency-Key': holdKey } },
          body: { ...body, merchantOrderId: body.merchantOrderId || undefined },
        }),
      );
      setShown(view);
      setHoldKey(newIdempotencyKey());
      holdForm.resetFields();
    } catch (err) {
      setError(err);
    }
  };

  const lookup = async (id: string) => {
    setError(null);
    if (!id.trim()) return;
    try {
      setShown(
        ok(
          await api.GET(
            '/v1/programs/{program}/participants/{participant}/redemptions/{redemption}',
            {
              params: { path: { program, participant, redemption: id.trim() } },
            },
          ),
        ),
      );
    } catch (err) {
      setError(err);
    }
  };

  return (
    <PageContainer title={t('redemptions.title')}>
      <ErrorAlert error={error} />
      <Card title={t('redemptions.hold')} size="small" style={{ marginBottom: 16 }}>
        <Form form={holdForm} layout="inline" onFinish={hold}>
          <Form.Item name="code" label={t('redemptions.code')} rules={[{ required: true }]}>
            <Input style={{ width: 300 }} />
          </Form.Item>
          <Form.Item name="points" label={t('redemptions.points')} rules={[{ required: true }]}>
            <InputNumber min={1} precision={0} aria-label={t('redemptions.points')} />
          </Form.Item>
          <Form.Item name="merchantOrderId" label={t('redemptions.orderId')}>
            <Input style={{ width: 160 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('redemptions.hold')}
          </Button>
        </Form>
      </Card>
      <Card title={t('redemptions.lookup')} size="small" style={{ marginBottom: 16 }}>
        <Input.Search
          aria-label={t('redemptions.id')}
          placeholder={t('redemptions.id')}
          enterButton={t('common.search')}
          onSearch={lookup}
        />
      </Card>
      {shown ? (
        <Card
          title={`${shown.id}`}
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
          <RedemptionActions redemption={shown} onDone={setShown} onError={setError} />
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
      ) : null}
    </PageContainer>
  );
}
