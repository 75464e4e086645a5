import { PageContainer, ProDescriptions } from '@ant-design/pro-components';
import { Button, Card, DatePicker, Form, Input, Select, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useState } from 'react';
import { ok } from '../../api/client';
import type { OperatorEvent, ResponseOf } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CursorTable } from '../../components/CursorTable';
import { useCursorList } from '../../components/useCursorList';
import { gramsOf, pointsOf, timeOf } from '../../format/format';
import { useI18n } from '../../i18n/I18nProvider';
import { useScope } from '../../session/SessionContext';
import { type EventFilterForm, eventsQueryOf } from './event-filters';

const STATUSES = [
  'accepted',
  'credited',
  'capped',
  'rejected',
  'pending_binding',
  'overlapping',
] as const;
const STATUS_COLOR: Record<string, string> = {
  credited: 'green',
  capped: 'gold',
  rejected: 'red',
  pending_binding: 'blue',
  overlapping: 'purple',
};

type EventStatus = ResponseOf<
  '/v1/programs/{program}/operators/{operator}/events/{eventId}',
  'get'
>;

export function StatusTag({ status }: { status: string }) {
  return <Tag color={STATUS_COLOR[status]}>{status}</Tag>;
}

/** The operator's recent events with filters, and one event's status looked up by its id. */
export function EventsPage() {
  const { api, program, principal } = useScope();
  const operator = principal.participant!;
  const { t } = useI18n();
  const [filters, setFilters] = useState<EventFilterForm>({});
  const [found, setFound] = useState<EventStatus | null>(null);
  const [lookupError, setLookupError] = useState<unknown>(null);

  const list = useCursorList<OperatorEvent>(
    useCallback(
      async (after) => {
        const page = ok(
          await api.GET('/v1/programs/{program}/operators/{operator}/events', {
            params: { path: { program, operator }, query: eventsQueryOf(filters, after) },
          }),
        );
        return { items: page.events, next: page.next };
      },
      [api, program, operator, filters],
    ),
  );

  const search = (form: {
    status?: EventFilterForm['status'];
    behaviour?: string;
    range?: [Dayjs | null, Dayjs | null];
  }) =>
    setFilters({
      status: form.status,
      behaviour: form.behaviour,
      range: [form.range?.[0]?.toISOString(), form.range?.[1]?.toISOString()],
    });

  const lookup = async (eventId: string) => {
    setLookupError(null);
    setFound(null);
    if (!eventId.trim()) return;
    try {
      setFound(
        ok(
          await api.GET('/v1/programs/{program}/operators/{operator}/events/{eventId}', {
            params: { path: { program, operator, eventId: eventId.trim() } },
          }),
        ),
      );
    } catch (err) {
      setLookupError(err);
    }
  };

  return (
    <PageContainer title={t('events.title')}>
      <Card title={t('events.lookup')} size="small" style={{ marginBottom: 16 }}>
        <Input.Search
          aria-label={t('events.id')}
          placeholder={t('events.id')}
          enterButton={t('common.search')}
          onSearch={lookup}
        />
        <ErrorAlert error={lookupError} />
        {found ? (
          <ProDescriptions column={3} style={{ marginTop: 12 }} dataSource={found}>
            <ProDescriptions.Item label={t('events.id')}>{found.id}</ProDescriptions.Item>
            <ProDescriptions.Item label={t('common.status')}>
              <StatusTag status={found.status} />
            </ProDescriptions.Item>
            <ProDescriptions.Item label={t('events.reason')}>
              {found.reason ?? '—'}
            </ProDescriptions.Item>
            <ProDescriptions.Item label={t('events.reduction')}>
              {gramsOf(found.reductionMg)}
            </ProDescriptions.Item>
            <ProDescriptions.Item label={t('events.points')}>
              {pointsOf(found.points)}
            </ProDescriptions.Item>
            <ProDescriptions.Item label={t('events.receivedAt')}>
              {timeOf(found.receivedAt)}
            </ProDescriptions.Item>
          </ProDescriptions>
        ) : null}
      </Card>
      <Form layout="inline" onFinish={search} style={{ marginBottom: 16 }} aria-label="filters">
        <Form.Item name="status" label={t('common.status')}>
          <Select
            allowClear
            style={{ width: 160 }}
            options={STATUSES.map((s) => ({ value: s, label: s }))}
          />
        </Form.Item>
        <Form.Item name="behaviour" label={t('events.behaviour')}>
          <Input style={{ width: 140 }} placeholder="metro" />
        </Form.Item>
        <Form.Item name="range" label={`${t('events.from')} – ${t('events.to')}`}>
          <DatePicker.RangePicker showTime allowEmpty={[true, true]} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('common.search')}
        </Button>
      </Form>
      <CursorTable<OperatorEvent>
        list={list}
        rowKey="reference"
        columns={[
          { title: t('events.id'), dataIndex: 'id' },
          { title: t('events.behaviour'), dataIndex: 'behaviour' },
          {
            title: t('common.status'),
            dataIndex: 'status',
            render: (_, e) => <StatusTag status={e.status} />,
          },
          { title: t('events.reason'), dataIndex: 'reason', render: (_, e) => e.reason ?? '—' },
          {
            title: t('events.reduction'),
            dataIndex: 'reductionMg',
            render: (_, e) => gramsOf(e.reductionMg),
          },
          { title: t('events.points'), dataIndex: 'points', render: (_, e) => pointsOf(e.points) },
          {
            title: t('events.receivedAt'),
            dataIndex: 'receivedAt',
            render: (_, e) => timeOf(e.receivedAt),
          },
          { title: t('events.reference'), dataIndex: 'reference' },
        ]}
      />
    </PageContainer>
  );
}
