// The dashboards page's pure parts: its query from the controls, the figures' formatting and the
// ECharts options (tested as plain functions; canvas does not run in the unit tests).
import type { EChartsOption } from 'echarts';

export type Period = 'day' | 'week' | 'month';

export interface DashboardFilters {
  from: string;
  to: string;
  period: Period;
  behaviour?: string;
  district?: string;
  operator?: string;
}

/**
 * Today as a China day (YYYY-MM-DD), the days the rollups are kept in, whatever the browser's own
 * time zone: between 00:00 in Shanghai and midnight UTC a browser on UTC would still say yesterday.
 */
export function chinaToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The last 30 China days up to `today` (YYYY-MM-DD). */
export function defaultRange(today: string): { from: string; to: string } {
  const t = Date.parse(`${today}T00:00:00Z`);
  return { from: new Date(t - 29 * 86_400_000).toISOString().slice(0, 10), to: today };
}

/** The query of a chart: empty filters left out (the API refuses an empty one). */
export function chartQuery(f: DashboardFilters): Record<string, string> {
  const q: Record<string, string> = { from: f.from, to: f.to, period: f.period };
  for (const k of ['behaviour', 'district', 'operator'] as const) {
    const v = f[k]?.trim();
    if (v) q[k] = v;
  }
  return q;
}

/** mg CO2e as the bureau reads it: g below a kilogram, kg below a tonne, t above. Integers in, text out. */
export function formatMg(mg: string | number): string {
  const n = BigInt(mg);
  const abs = n < 0n ? -n : n;
  const scaled = (div: bigint, unit: string) => {
    const whole = n / div;
    const tenth = ((abs % div) * 10n) / div;
    return `${whole.toLocaleString('en')}.${tenth} ${unit}`;
  };
  if (abs >= 1_000_000_000n) return scaled(1_000_000_000n, 't');
  if (abs >= 1_000_000n) return scaled(1_000_000n, 'kg');
  return scaled(1_000n, 'g');
}

export interface RankedRow {
  key: string;
  reductionMg: string;
}

/** Districts ranked by reduction, largest on top: a horizontal bar chart (no map). */
export function rankedDistrictOption(rows: RankedRow[], noneLabel: string): EChartsOption {
  const ranked = [...rows].sort((a, b) => Number(BigInt(b.reductionMg) - BigInt(a.reductionMg)));
  const top = ranked.reverse(); // ECharts draws the first category at the bottom
  return {
    grid: { left: 80, right: 40, top: 10, bottom: 30 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', name: 'kg CO2e' },
    yAxis: {
      type: 'category',
      data: top.map((r) => (r.key === 'none' ? noneLabel : r.key)),
    },
    series: [
      {
        type: 'bar',
        // kg for the axis only; tables and CSV keep the integer mg.
        data: top.map((r) => Number(BigInt(r.reductionMg) / 1000n) / 1000),
        itemStyle: { color: '#1a7f37' },
      },
    ],
  };
}

/** The bar's district code from its category label. */
export function districtOfBar(label: string, noneLabel: string): string {
  return label === noneLabel ? 'none' : label;
}

export interface PeriodRow {
  key: string;
  reductionMg: string;
}

/** Reductions per period as columns. */
export function periodOption(rows: PeriodRow[]): EChartsOption {
  return {
    grid: { left: 60, right: 20, top: 10, bottom: 30 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: rows.map((r) => r.key) },
    yAxis: { type: 'value', name: 'kg CO2e' },
    series: [
      {
        type: 'bar',
        data: rows.map((r) => Number(BigInt(r.reductionMg) / 1000n) / 1000),
        itemStyle: { color: '#3f8f5a' },
      },
    ],
  };
}

/** Sum of integer strings, exact. */
export function total(values: string[]): string {
  return values.reduce((s, v) => s + BigInt(v), 0n).toString();
}

/** A China day's [from, to] of one period bar (for the drill-down of a period bar). */
export function periodBarRange(period: Period, start: string): { from: string; to: string } {
  const t = Date.parse(`${start}T00:00:00Z`);
  if (period === 'day') return { from: start, to: start };
  if (period === 'week')
    return { from: start, to: new Date(t + 6 * 86_400_000).toISOString().slice(0, 10) };
  const d = new Date(t);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0));
  return { from: start, to: last.toISOString().slice(0, 10) };
}
