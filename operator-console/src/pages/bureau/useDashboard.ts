import { useCallback } from 'react';
import { ok, type Api } from '../../api/client';
import { useAsync } from '../../components/useAsync';
import { chartQuery, type DashboardFilters } from './dashboard-charts';

type Chart = 'reductions' | 'active-residents' | 'points' | 'cycles';

/**
 * Where a chart's data is: the program's routes for the bureau and admins, the operator's own
 * (`participants/{participant}/dashboards`) for an operator, which the service limits to its share.
 */
export function dashboardPath(
  chart: Chart | 'reductions/records',
  operator: string | null,
): string {
  return operator
    ? `/v1/programs/{program}/participants/{participant}/dashboards/${chart}`
    : `/v1/programs/{program}/dashboards/${chart}`;
}

/** A GET on one of the dashboard routes; the paths differ only by role, so one untyped call site. */
export function dashboardGet<T>(
  api: Api,
  chart: Chart | 'reductions/records',
  scope: { program: string; operator: string | null },
  query: Record<string, string>,
  parseAs: 'json' | 'text' = 'json',
): Promise<T> {
  const path = {
    program: scope.program,
    ...(scope.operator ? { participant: scope.operator } : {}),
  };
  const get = api.GET as unknown as (
    p: string,
    init: { params: { path: object; query: object }; parseAs: 'json' | 'text' },
  ) => Promise<{ data?: T; error?: unknown; response: Response }>;
  return get(dashboardPath(chart, scope.operator), { params: { path, query }, parseAs }).then(ok);
}

export interface ReductionsRows {
  rows: { key: string; reductionMg: string; points: string; events: string }[];
}

/** Every chart of the page for the controls' filters, read again whenever they change. */
export function useDashboard(
  api: Api,
  scope: { program: string; operator: string | null },
  filters: DashboardFilters,
) {
  const q = JSON.stringify(chartQuery(filters));
  const read = useCallback(async () => {
    const query = JSON.parse(q) as Record<string, string>;
    const range = { from: query.from, to: query.to, period: query.period };
    const [byDistrict, byPeriod, active, points, cycles] = await Promise.all([
      dashboardGet<ReductionsRows>(api, 'reductions', scope, { ...query, groupBy: 'district' }),
      dashboardGet<ReductionsRows>(api, 'reductions', scope, { ...query, groupBy: 'period' }),
      dashboardGet<{ rows: { periodStart: string; residents: number }[] }>(
        api,
        'active-residents',
        scope,
        range,
      ),
      dashboardGet<{ rows: Record<string, string>[] }>(api, 'points', scope, range),
      dashboardGet<{ rows: Record<string, string | number>[] }>(api, 'cycles', scope, {}),
    ]);
    return { byDistrict, byPeriod, active, points, cycles };
  }, [api, scope.program, scope.operator, q]);
  return useAsync(read);
}
