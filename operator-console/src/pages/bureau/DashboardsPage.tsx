import { PageContainer, ProCard } from '@ant-design/pro-components';
import { Button, DatePicker, Input, Segmented, Space, Statistic, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useMemo, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { downloadText } from '../../components/download';
import { LoadMore } from '../../components/LoadMore';
import { useCursorList } from '../../components/useCursorList';
import { useI18n } from '../../i18n/I18nProvider';
import { useScope } from '../../session/SessionContext';
import {
  chartQuery,
  chinaToday,
  defaultRange,
  districtOfBar,
  formatMg,
  periodOption,
  rankedDistrictOption,
  total,
  type DashboardFilters,
  type Period,
} from './dashboard-charts';
import { dashboardText } from './dashboards-text';
import { EChart } from './EChart';
import { dashboardGet, useDashboard } from './useDashboard';

interface RecordRow {
  id: string;
  operator: string;
  behaviour: string;
  district: string;
  startedAt: string;
  reductionMg: string;
  points: string;
}

/** The bureau's dashboards (an operator's own share when an operator signs in). */
export function DashboardsPage() {
  const { api, program, principal } = useScope();
  const { language } = useI18n();
  const x = dashboardText(language);
  const operator = principal.roles.includes('operator') ? principal.participant : null;
  const scope = useMemo(() => ({ program, operator }), [program, operator]);
  const [filters, setFilters] = useState<DashboardFilters>({
    ...defaultRange(chinaToday()),
    period: 'day',
  });
  const [bar, setBar] = useState<string | null>(null);
  const charts = useDashboard(api, scope, filters);
  const v = charts.value;

  const records = useCursorList<RecordRow>(
    useCallback(
      async (before) => {
        if (bar === null) return { items: [], next: null };
        const query: Record<string, string> = {
          ...chartQuery(filters),
          district: bar,
          limit: '20',
        };
        delete query.period;
        if (before) query.before = before;
        const page = await dashboardGet<{ items: RecordRow[]; next: string | null }>(
          api,
          'reductions/records',
          scope,
          query,
        );
        return { items: page.items, next: page.next };
      },
      [api, scope, filters, bar],
    ),
  );

  const csv = async (
    chart: 'reductions' | 'active-residents' | 'points' | 'cycles',
    extra = {},
  ) => {
    const q = chart === 'cycles' ? {} : chartQuery(filters);
    const text = await dashboardGet<string>(
      api,
      chart,
      scope,
      { ...q, ...extra, format: 'csv' },
      'text',
    );
    downloadText(`${program}-${chart}-${filters.from}-${filters.to}.csv`, text, 'text/csv');
  };
  const set = (patch: Partial<DashboardFilters>) => {
    setBar(null);
    setFilters((f) => ({ ...f, ...patch }));
  };

  return (
    <PageContainer title={x.title} extra={operator ? <Tag color="blue">{x.share}</Tag> : null}>
      <ErrorAlert error={charts.error ?? records.error} />
      <ProCard>
        <Space wrap>
          <DatePicker.RangePicker
            aria-label={x.range}
            allowClear={false}
            value={[dayjs(filters.from), dayjs(filters.to)]}
            onChange={(r) =>
              r?.[0] &&
              r[1] &&
              set({ from: r[0].format('YYYY-MM-DD'), to: r[1].format('YYYY-MM-DD') })
            }
          />
          <Segmented
            aria-label={x.period}
            value={filters.period}
            options={[
              { label: x.day, value: 'day' },
              { label: x.week, value: 'week' },
              { label: x.month, value: 'month' },
            ]}
            onChange={(p) => set({ period: p as Period })}
          />
          <Input.Search
            aria-label={x.behaviour}
            placeholder={x.behaviour}
            allowClear
            style={{ width: 140 }}
            onSearch={(b) => set({ behaviour: b })}
          />
          <Input.Search
            aria-label={x.district}
            placeholder={x.district}
            allowClear
            style={{ width: 160 }}
            onSearch={(d) => set({ district: d })}
          />
          {!operator && (
            <Input.Search
              aria-label={x.operator}
              placeholder={x.operator}
              allowClear
              style={{ width: 160 }}
              onSearch={(o) => set({ operator: o })}
            />
          )}
        </Space>
      </ProCard>
      <ProCard gutter={16} loading={charts.loading} wrap>
        <ProCard colSpan={{ xs: 24, md: 8 }}>
          <Statistic
            title={x.total}
            value={v ? formatMg(total(v.byDistrict.rows.map((r) => r.reductionMg))) : '—'}
            data-testid="dashboard-total-mg"
          />
          <div data-testid="dashboard-total-mg-exact" hidden>
            {v ? total(v.byDistrict.rows.map((r) => r.reductionMg)) : ''}
          </div>
        </ProCard>
        <ProCard colSpan={{ xs: 24, md: 8 }}>
          <Statistic
            title={x.points}
            value={v ? total(v.byDistrict.rows.map((r) => r.points)) : '—'}
          />
        </ProCard>
        <ProCard colSpan={{ xs: 24, md: 8 }}>
          <Statistic
            title={x.events}
            value={v ? total(v.byDistrict.rows.map((r) => r.events)) : '—'}
          />
        </ProCard>
      </ProCard>
      <ProCard
        title={x.byDistrict}
        subTitle={x.clickHint}
        extra={
          <Button onClick={() => void csv('reductions', { groupBy: 'district' })}>{x.csv}</Button>
        }
      >
        {v && (
          <EChart
            label={x.byDistrict}
            option={rankedDistrictOption(v.byDistrict.rows, x.none)}
            onBarClick={(label) => setBar(districtOfBar(label, x.none))}
          />
        )}
        <Table<{ key: string; reductionMg: string; points: string; events: string }>
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={v?.byDistrict.rows ?? []}
          onRow={(r) => ({ onClick: () => setBar(r.key) })}
          columns={[
            {
              title: x.district,
              dataIndex: 'key',
              render: (k: string) => (k === 'none' ? x.none : k),
            },
            { title: 'mg CO2e', dataIndex: 'reductionMg', align: 'right' },
            { title: x.points, dataIndex: 'points', align: 'right' },
            { title: x.events, dataIndex: 'events', align: 'right' },
          ]}
        />
      </ProCard>
      {bar !== null && (
        <ProCard title={`${x.records}: ${bar === 'none' ? x.none : bar}`} data-testid="drill-down">
          <Table<RecordRow>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={records.items}
            columns={[
              { title: 'id', dataIndex: 'id' },
              { title: x.operator, dataIndex: 'operator' },
              { title: x.behaviour, dataIndex: 'behaviour' },
              { title: x.district, dataIndex: 'district' },
              { title: 'startedAt', dataIndex: 'startedAt' },
              { title: 'mg CO2e', dataIndex: 'reductionMg', align: 'right' },
              { title: x.points, dataIndex: 'points', align: 'right' },
            ]}
          />
          <LoadMore list={records} />
        </ProCard>
      )}
      <ProCard
        title={x.byPeriod}
        extra={
          <Button onClick={() => void csv('reductions', { groupBy: 'period' })}>{x.csv}</Button>
        }
      >
        {v && <EChart label={x.byPeriod} height={240} option={periodOption(v.byPeriod.rows)} />}
      </ProCard>
      <ProCard
        title={x.active}
        extra={<Button onClick={() => void csv('active-residents')}>{x.csv}</Button>}
      >
        <Table
          size="small"
          rowKey="periodStart"
          pagination={false}
          dataSource={v?.active.rows ?? []}
          columns={[
            { title: x.period, dataIndex: 'periodStart' },
            { title: '#', dataIndex: 'residents', align: 'right' },
          ]}
        />
      </ProCard>
      <ProCard title={x.flows} extra={<Button onClick={() => void csv('points')}>{x.csv}</Button>}>
        <Table
          size="small"
          rowKey="issuer"
          pagination={false}
          dataSource={v?.points.rows ?? []}
          columns={['issuer', 'issued', 'redeemed', 'expired', 'cancelled'].map((k) => ({
            title: k,
            dataIndex: k,
          }))}
        />
      </ProCard>
      <ProCard title={x.cycles} extra={<Button onClick={() => void csv('cycles')}>{x.csv}</Button>}>
        <Table
          size="small"
          rowKey={(r) => `${r.cycle}-${r.participant}`}
          pagination={false}
          dataSource={v?.cycles.rows ?? []}
          columns={[
            'cycle',
            'participant',
            'obligationPoints',
            'receivableFen',
            'payableFen',
            'feeFen',
            'netFen',
          ].map((k) => ({ title: k, dataIndex: k }))}
        />
      </ProCard>
    </PageContainer>
  );
}
