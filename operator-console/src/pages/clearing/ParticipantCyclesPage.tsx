import { PageContainer } from '@ant-design/pro-components';
import { useCallback, useState } from 'react';
import { ok } from '../../api/client';
import type { CycleDetailView, CycleView } from '../../api/types';
import { CursorTable } from '../../components/CursorTable';
import { useAction } from '../../components/useAction';
import { useCursorList } from '../../components/useCursorList';
import { useI18n } from '../../i18n/I18nProvider';
import { useScope } from '../../session/SessionContext';
import { ConfirmationForm } from './ConfirmationForm';
import { CycleDetail } from './CycleDetail';
import { cycleColumns } from './cycle-columns';

/**
 * A merchant's or operator's clearing cycles (those it is cleared in), newest first: each opened
 * shows its net position, its statements (JSON, CSV, camt.053), a merchant's reconciliation file
 * or an issuer's 注销 report to download, and the confirmation of its payment.
 */
export function ParticipantCyclesPage() {
  const { api, program, principal } = useScope();
  const participant = principal.participant!;
  const { t } = useI18n();
  const [shown, setShown] = useState<CycleDetailView | null>(null);
  const opening = useAction();
  const confirming = useAction();
  const list = useCursorList<CycleView>(
    useCallback(
      async (before) => {
        const page = ok(
          await api.GET('/v1/programs/{program}/participants/{participant}/clearing/cycles', {
            params: { path: { program, participant }, query: before ? { before } : {} },
          }),
        );
        return { items: page.cycles, next: page.next };
      },
      [api, program, participant],
    ),
  );

  const open = (cycle: CycleView) =>
    opening.run(async () =>
      setShown(
        ok(
          await api.GET(
            '/v1/programs/{program}/participants/{participant}/clearing/cycles/{cycle}',
            {
              params: { path: { program, participant, cycle: String(cycle.sequence) } },
            },
          ),
        ),
      ),
    );

  const confirmed = (view: CycleDetailView) => {
    setShown(view);
    void list.reload();
  };

  return (
    <PageContainer title={t('cycles.title')}>
      {shown ? (
        <CycleDetail
          key={shown.sequence}
          cycle={shown}
          participant={participant}
          positionAction={(p) => (
            <ConfirmationForm cycle={shown} position={p} action={confirming} onDone={confirmed} />
          )}
        />
      ) : null}
      <CursorTable<CycleView>
        list={list}
        error={opening.error ?? confirming.error}
        headerTitle={t('cycles.mine')}
        rowKey="sequence"
        columns={cycleColumns(t, (c) => void open(c))}
      />
    </PageContainer>
  );
}
