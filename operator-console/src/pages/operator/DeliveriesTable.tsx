import { Button, Tag } from 'antd';
import { useCallback, useState } from 'react';
import { ok } from '../../api/client';
import type { DeliveryView } from '../../api/types';
import { CursorTable } from '../../components/CursorTable';
import { StatusSelect } from '../../components/StatusSelect';
import { useAction } from '../../components/useAction';
import { useCursorList } from '../../components/useCursorList';
import { timeOf } from '../../format/format';
import { useI18n } from '../../i18n/I18nProvider';
import { useScope } from '../../session/SessionContext';

type Status = DeliveryView['status'];
const COLOR: Record<Status, string> = {
  pending: 'blue',
  delivered: 'green',
  failed: 'red',
  cancelled: 'default',
};

/** The operator's callback deliveries with their retry state; a finished one can be sent again. */
export function DeliveriesTable({ participant }: { participant: string }) {
  const { api, program } = useScope();
  const { t } = useI18n();
  const [status, setStatus] = useState<Status | undefined>();
  const action = useAction();
  const list = useCursorList<DeliveryView>(
    useCallback(
      async (after) => {
        const page = ok(
          await api.GET('/v1/programs/{program}/participants/{participant}/callback/deliveries', {
            params: {
              path: { program, participant },
              query: { limit: 20, ...(status ? { status } : {}), ...(after ? { after } : {}) },
            },
          }),
        );
        return { items: page.deliveries, next: page.next };
      },
      [api, program, participant, status],
    ),
  );

  const redeliver = (delivery: string) =>
    action.run(async () => {
      ok(
        await api.POST(
          '/v1/programs/{program}/participants/{participant}/callback/deliveries/{delivery}/redeliver',
          { params: { path: { program, participant, delivery } } },
        ),
      );
      await list.reload();
    });

  return (
    <CursorTable<DeliveryView>
      list={list}
      error={action.error}
      headerTitle={t('deliveries.title')}
      rowKey="id"
      toolBarRender={() => [
        <StatusSelect<Status>
          key="status"
          statuses={Object.keys(COLOR) as Status[]}
          value={status}
          onChange={setStatus}
        />,
      ]}
      columns={[
        { title: 'webhook-id', dataIndex: 'id', copyable: true },
        {
          title: t('common.status'),
          dataIndex: 'status',
          render: (_, d) => <Tag color={COLOR[d.status]}>{d.status}</Tag>,
        },
        { title: t('deliveries.attempts'), dataIndex: 'attempts' },
        {
          title: t('deliveries.lastStatus'),
          dataIndex: 'lastStatusCode',
          render: (_, d) => d.lastStatusCode ?? '—',
        },
        {
          title: t('deliveries.lastError'),
          dataIndex: 'lastError',
          render: (_, d) => d.lastError ?? '—',
        },
        {
          title: t('deliveries.nextAttempt'),
          dataIndex: 'nextAttemptAt',
          render: (_, d) => timeOf(d.nextAttemptAt),
        },
        {
          title: t('deliveries.events'),
          dataIndex: 'eventIds',
          render: (_, d) => d.eventIds.join(', '),
        },
        {
          title: t('common.createdAt'),
          dataIndex: 'createdAt',
          render: (_, d) => timeOf(d.createdAt),
        },
        {
          title: t('common.actions'),
          valueType: 'option',
          render: (_, d) =>
            d.status === 'pending'
              ? null
              : [
                  <Button key="redo" size="small" onClick={() => void redeliver(d.id)}>
                    {t('deliveries.redeliver')}
                  </Button>,
                ],
        },
      ]}
    />
  );
}
