import { describe, expect, it } from 'vitest';
import { createApi } from '../../api/client';
import { dashboardGet, dashboardPath } from './useDashboard';

describe('dashboard requests', () => {
  it("asks an operator's own route, and the program's for the bureau", async () => {
    const seen: string[] = [];
    const api = createApi(
      () => 'key_test',
      'http://console.test',
      async (request) => {
        seen.push(request.url);
        return new Response(JSON.stringify({ rows: [] }), {
          headers: { 'content-type': 'application/json' },
        });
      },
    );
    const q = { from: '2026-11-01', to: '2026-11-30' };
    await dashboardGet(api, 'reductions', { program: 'sz', operator: 'metro' }, q);
    await dashboardGet(api, 'points', { program: 'sz', operator: null }, q);
    expect(seen).toEqual([
      'http://console.test/v1/programs/sz/participants/metro/dashboards/reductions?from=2026-11-01&to=2026-11-30',
      'http://console.test/v1/programs/sz/dashboards/points?from=2026-11-01&to=2026-11-30',
    ]);
    expect(dashboardPath('cycles', null)).toBe('/v1/programs/{program}/dashboards/cycles');
  });

  it('turns a refusal into the error the page shows', async () => {
    const api = createApi(
      () => 'key_test',
      'http://console.test',
      async () =>
        new Response(
          JSON.stringify({
            code: 'validation_failed',
            message: 'to: must not be before from',
            errors: [{ field: 'query.to', reason: 'must not be before from' }],
          }),
          {
            status: 422,
            headers: { 'content-type': 'application/json' },
          },
        ),
    );
    await expect(
      dashboardGet(
        api,
        'reductions',
        { program: 'sz', operator: null },
        { from: '2026-11-02', to: '2026-11-01' },
      ),
    ).rejects.toThrow(/to/);
  });
});
