import { PageContainer } from '@ant-design/pro-components';
import { Button, Popconfirm } from 'antd';
import { useCallback, useState } from 'react';
import { ok } from '../../api/client';
import type { CycleDetailView, CycleView } from '../../api/types';
import { CursorTable } from '../../components/CursorTable';
import { useAction } from '../../components/useAction';
import { useCursorList } from '../../components/useCursorList';
import { useI18n } from '../../i18n/I18nProvider';
import { useScope } from '../../session/SessionContext';
import { ClearingSettingsCard } from './ClearingSettingsCard';
import { CycleDetail } from './CycleDetail';
import { cycleColumns } from './cycle-columns';

/**
 * The program's clearing as the hub (admin, bureau) runs it: the settings, "close now", every
 * cycle newest first, and a cycle's positions and files: statements, the settlement instructions
 * and the 注销 reports.
 */
export function ClearingPage() {
  const { api, program } = useScope();
  const { t } = useI18n();
  const [shown, setShown] = useState<CycleDetailView | null>(null);
  const opening = useAction();
  const closing = useAction();
  const list = useCursorList<CycleView>(
    useCallback(
      async (before) => {
        const page = ok(
          await api.GET('/v1/programs/{program}/clearing/cycles', {
            params: { path: { program }, query: before ? { before } : {} },
          }),
        );
        return { items: page.cycles, next: page.next };
      },
      [api, program],
    ),
  );

  const open = (cycle: CycleView) =>
    opening.run(async () =>
      setShown(
        ok(
          await api.GET('/v1/programs/{program}/clearing/cycles/{cycle}', {
            params: { path: { program, cycle: String(cycle.sequence) } },
          }),
        ),
      ),
    );

  const closeNow = () =>
    closing.run(async () => {
      ok(
        await api.POST('/v1/programs/{program}/clearing/cycles/close', {
          params: { path: { program }, header: { 'Idempotency-Key': closing.key } },
        }),
      );
      await list.reload();
    });

  return (
    <PageContainer title={t('clearing.title')}>
      <ClearingSettingsCard />
      {shown ? <CycleDetail key={shown.sequence} cycle={shown} participant={null} /> : null}
      <CursorTable<CycleView>
        list={list}
        error={opening.error ?? closing.error}
        headerTitle={t('clearing.cycles')}
        rowKey="sequence"
        toolBarRender={() => [
          <Popconfirm
            key="close"
            title={t('clearing.closeNowConfirm')}
            onOpenChange={closing.fresh}
            onConfirm={() => void closeNow()}
          >
            <Button danger>{t('clearing.closeNow')}</Button>
          </Popconfirm>,
        ]}
        columns={cycleColumns(t, (c) => void open(c))}
      />
    </PageContainer>
  );
}
