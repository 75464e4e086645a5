import { ModalForm, ProFormText } from '@ant-design/pro-components';
import { Button } from 'antd';
import { ok } from '../../api/client';
import type { CycleDetailView, PositionView } from '../../api/types';
import type { Action } from '../../components/useAction';
import { yuanOf } from '../../format/format';
import { useI18n } from '../../i18n/I18nProvider';
import { useScope } from '../../session/SessionContext';

/**
 * The participant's confirmation of its payment in a cycle: the bank reference and the amount (in
 * fen, the instruction's), under the action's Idempotency-Key from when the dialog opens.
 */
export function ConfirmationForm({
  cycle,
  position,
  action,
  onDone,
}: {
  cycle: CycleDetailView;
  position: PositionView;
  action: Action;
  onDone(view: CycleDetailView): void;
}) {
  const { api, program } = useScope();
  const { t } = useI18n();
  if (position.confirmedAt || position.netFen === '0') return null;
  if (cycle.state !== 'issued' && cycle.state !== 'settling') return null;
  const owed = position.netFen.replace(/^-/, '');
  return (
    <ModalForm<{ bankReference: string; amountFen: string }>
      title={`${t('cycles.confirm')} · ${t('cycles.cycle')} ${cycle.sequence} · ${yuanOf(position.netFen)}`}
      trigger={
        <Button size="small" type="primary">
          {t('cycles.confirm')}
        </Button>
      }
      initialValues={{ amountFen: owed }}
      onOpenChange={action.fresh}
      modalProps={{ destroyOnHidden: true }}
      onFinish={(body) =>
        action.run(async () =>
          onDone(
            ok(
              await api.POST(
                '/v1/programs/{program}/participants/{participant}/clearing/cycles/{cycle}/confirmation',
                {
                  params: {
                    path: {
                      program,
                      participant: position.participant,
                      cycle: String(cycle.sequence),
                    },
                    header: { 'Idempotency-Key': action.key },
                  },
                  body,
                },
              ),
            ),
          ),
        )
      }
    >
      <ProFormText
        name="bankReference"
        label={t('cycles.bankReference')}
        rules={[{ required: true }]}
      />
      <ProFormText
        name="amountFen"
        label={t('cycles.amountFen')}
        rules={[{ required: true, pattern: /^\d{1,18}$/ }]}
      />
    </ModalForm>
  );
}
