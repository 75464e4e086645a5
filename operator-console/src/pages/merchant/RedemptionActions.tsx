import { ModalForm, ProFormDigit, ProFormText } from '@ant-design/pro-components';
import { Button, Popconfirm, Space } from 'antd';
import { ok } from '../../api/client';
import type { RedemptionView } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAction } from '../../components/useAction';
import { useI18n } from '../../i18n/I18nProvider';
import { useScope } from '../../session/SessionContext';

/**
 * Capture, void and refund of one redemption. Each dialog holds one Idempotency-Key from when it
 * opens: pressing confirm again after a lost answer repeats the same action, never a second one.
 */
export function RedemptionActions({
  redemption,
  onDone,
}: {
  redemption: RedemptionView;
  onDone(view: RedemptionView): void;
}) {
  const { api, program, principal } = useScope();
  const { t } = useI18n();
  const action = useAction();
  const { key, fresh } = action;
  const params = {
    path: { program, participant: principal.participant!, redemption: redemption.id },
    header: { 'Idempotency-Key': key },
  };

  const act = (work: () => Promise<RedemptionView>) => action.run(async () => onDone(await work()));

  const held = redemption.status === 'held';
  const refundable = redemption.capturedPoints - redemption.refundedPoints;
  return (
    <Space wrap>
      <ErrorAlert error={action.error} />
      {held ? (
        <ModalForm<{ points?: number }>
          title={`${t('redemptions.capture')} ${redemption.id}`}
          trigger={<Button type="primary">{t('redemptions.capture')}</Button>}
          initialValues={{ points: redemption.heldPoints }}
          onOpenChange={fresh}
          modalProps={{ destroyOnHidden: true }}
          onFinish={({ points }) =>
            act(async () =>
              ok(
                await api.POST(
                  '/v1/programs/{program}/participants/{participant}/redemptions/{redemption}/capture',
                  {
                    params,
                    body: points ? { points } : {},
                  },
                ),
              ),
            )
          }
        >
          <ProFormDigit
            name="points"
            label={t('redemptions.points')}
            min={1}
            max={redemption.heldPoints}
            fieldProps={{ precision: 0 }}
          />
        </ModalForm>
      ) : null}
      {held ? (
        <Popconfirm
          title={`${t('redemptions.void')} ${redemption.id}?`}
          onOpenChange={fresh}
          onConfirm={() =>
            act(async () =>
              ok(
                await api.POST(
                  '/v1/programs/{program}/participants/{participant}/redemptions/{redemption}/void',
                  {
                    params,
                  },
                ),
              ),
            )
          }
        >
          <Button danger size="small">
            {t('redemptions.void')}
          </Button>
        </Popconfirm>
      ) : null}
      {refundable > 0 ? (
        <ModalForm<{ refundId: string; points: number }>
          title={`${t('redemptions.refund')} ${redemption.id}`}
          trigger={<Button size="small">{t('redemptions.refund')}</Button>}
          initialValues={{ refundId: `refund-${key.slice(0, 8)}`, points: refundable }}
          onOpenChange={fresh}
          modalProps={{ destroyOnHidden: true }}
          onFinish={(body) =>
            act(async () =>
              ok(
                await api.POST(
                  '/v1/programs/{program}/participants/{participant}/redemptions/{redemption}/refunds',
                  {
                    params,
                    body,
                  },
                ),
              ),
            )
          }
        >
          <ProFormText
            name="refundId"
            label={t('redemptions.refundId')}
            rules={[{ required: true }]}
          />
          <ProFormDigit
            name="points"
            label={t('redemptions.points')}
            min={1}
            max={refundable}
            fieldProps={{ precision: 0 }}
            rules={[{ required: true }]}
          />
        </ModalForm>
      ) : null}
    </Space>
  );
}
