import { PageContainer } from '@ant-design/pro-components';
import { Button, Card, Form, Input, InputNumber, Tag } from 'antd';
import { useCallback, useState } from 'react';
import { ok } from '../../api/client';
import type { RedemptionView } from '../../api/types';
import { CursorTable } from '../../components/CursorTable';
import { StatusSelect } from '../../components/StatusSelect';
import { useAction } from '../../components/useAction';
import { useCursorList } from '../../components/useCursorList';
import { pointsOf, timeOf } from '../../format/format';
import { useI18n } from '../../i18n/I18nProvider';
import { useScope } from '../../session/SessionContext';
import { RedemptionDetail } from './RedemptionDetail';

type Status = RedemptionView['status'];
const STATUSES: Status[] = [
  'held',
  'captured',
  'partially_refunded',
  'refunded',
  'voided',
  'expired',
];

/**
 * Redemptions at the till: hold points with the code a resident shows; the merchant's redemptions
 * newest first, a page at a time, each opened to capture, void or refund; or one found by its id.
 */
export function RedemptionsPage() {
  const { api, program, principal } = useScope();
  const participant = principal.participant!;
  const { t } = useI18n();
  const [shown, setShown] = useState<RedemptionView | null>(null);
  const [status, setStatus] = useState<Status | undefined>();
  // One key per hold being entered: a repeated submit after a lost answer is the same hold.
  const hold = useAction();
  const lookup = useAction();
  const [holdForm] = Form.useForm();
  const path = { program, participant };

  const list = useCursorList<RedemptionView>(
    useCallback(
      async (after) => {
        const page = ok(
          await api.GET('/v1/programs/{program}/participants/{participant}/redemptions', {
            params: {
              path: { program, participant },
              query: { limit: 20, ...(status ? { status } : {}), ...(after ? { after } : {}) },
            },
          }),
        );
        return { items: page.redemptions, next: page.next };
      },
      [api, program, participant, status],
    ),
  );

  const changed = (view: RedemptionView) => {
    setShown(view);
    void list.reload();
  };

  const submitHold = (body: { code: string; points: number; merchantOrderId?: string }) =>
    hold.run(async () => {
      changed(
        ok(
          await api.POST('/v1/programs/{program}/participants/{participant}/redemptions', {
            params: { path, header: { 'Idempotency-Key': hold.key } },
            body: { ...body, merchantOrderId: body.merchantOrderId || undefined },
          }),
        ),
      );
      holdForm.resetFields();
    });

  const find = (id: string) =>
    id.trim() &&
    lookup.run(async () =>
      setShown(
        ok(
          await api.GET(
            '/v1/programs/{program}/participants/{participant}/redemptions/{redemption}',
            { params: { path: { ...path, redemption: id.trim() } } },
          ),
        ),
      ),
    );

  return (
    <PageContainer title={t('redemptions.title')}>
      <Card title={t('redemptions.hold')} size="small" style={{ marginBottom: 16 }}>
        <Form form={holdForm} layout="inline" onFinish={submitHold}>
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
          onSearch={(id) => void find(id)}
        />
      </Card>
      {shown ? <RedemptionDetail redemption={shown} onDone={changed} /> : null}
      <CursorTable<RedemptionView>
        list={list}
        error={hold.error ?? lookup.error}
        headerTitle={t('redemptions.list')}
        rowKey="id"
        toolBarRender={() => [
          <StatusSelect<Status>
            key="status"
            statuses={STATUSES}
            value={status}
            onChange={setStatus}
          />,
        ]}
        columns={[
          { title: t('redemptions.id'), dataIndex: 'id' },
          {
            title: t('common.status'),
            dataIndex: 'status',
            render: (_, r) => <Tag>{r.status}</Tag>,
          },
          { title: t('redemptions.held'), render: (_, r) => pointsOf(r.heldPoints) },
          { title: t('redemptions.captured'), render: (_, r) => pointsOf(r.capturedPoints) },
          { title: t('redemptions.refunded'), render: (_, r) => pointsOf(r.refundedPoints) },
          { title: t('redemptions.orderId'), render: (_, r) => r.merchantOrderId ?? '—' },
          { title: t('common.createdAt'), render: (_, r) => timeOf(r.createdAt) },
          {
            title: t('common.actions'),
            valueType: 'option',
            render: (_, r) => [
              <Button key="open" size="small" onClick={() => setShown(r)}>
                {t('redemptions.open')}
              </Button>,
            ],
          },
        ]}
      />
    </PageContainer>
  );
}
