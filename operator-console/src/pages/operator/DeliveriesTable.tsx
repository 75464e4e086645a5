import { ProTable } from '@ant-design/pro-components';
import { Button, Select, Space, Tag } from 'antd';
import { useCallback, useState } from 'react';
import { ok } from '../../api/client';
import type { DeliveryView } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadMore } from '../../components/LoadMore';
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
  const [error, setError] = useState<unknown>(null);
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

  const redeliver = async (delivery: string) => {
    setError(null);
    try {
      ok(
        await api.POST(
          '/v1/programs/{program}/participants/{participant}/callback/deliveries/{delivery}/redeliver',
          { params: { path: { program, participant, delivery } } },
        ),
      );
      await list.reload();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <>
      <ErrorAlert error={error ?? list.error} />
      <ProTable<DeliveryView>
        headerTitle={t('deliveries.title')}
        rowKey="id"
        search={false}
        pagination={false}
        loading={list.loading}
        dataSource={list.items}
        options={{ reload: () => void list.reload(), density: false, setting: false }}
        toolBarRender={() => [
          <Select<Status>
            key="status"
            aria-label={t('common.status')}
            placeholder={t('common.status')}
            allowClear
            style={{ width: 140 }}
            value={status}
            onChange={setStatus}
            options={(Object.keys(COLOR) as Status[]).map((s) => ({ value: s, label: s }))}
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
      <Space style={{ marginTop: 12 }}>
        <LoadMore list={list} />
      </Space>
    </>
  );
}
