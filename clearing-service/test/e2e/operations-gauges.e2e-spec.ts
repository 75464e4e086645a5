import { EarnEnv, metroRide } from '../support/earn-env';

// The gauges two of the chart's alerts read (deploy/helm/tanlian/rules/alerts.yaml): credit lag and
// a clearing cycle past its settlement deadline, on the api's /metrics, read from MySQL.
describe('operations gauges on /metrics', () => {
  let env: EarnEnv;

  beforeAll(async () => {
    env = await EarnEnv.start('operations-gauges'); // the api alone: nothing credits
  });
  afterAll(() => env.stop());

  const gauge = async (name: string): Promise<number | undefined> => {
    const text: string = (await env.api.http().get('/metrics').expect(200)).text;
    const line = text.split('\n').find((l) => l.startsWith(`${name}{program="shenzhen"} `));
    return line === undefined ? undefined : Number(line.split(' ')[1]);
  };

  it('credit lag: the age of the oldest accepted event, 0 once it is credited', async () => {
    expect(await gauge('tanlian_credit_lag_seconds')).toBe(0);
    await env.push(env.operators.metro, metroRide('lag-1', 'lag-user-1')).expect(202);
    await env.push(env.operators.metro, metroRide('lag-2', 'lag-user-2')).expect(202);
    await env.db.query(
      `UPDATE inbox_events SET received_at = NOW(3) - INTERVAL 120 SECOND
       WHERE program_id = ? AND event_id = 'lag-1'`,
      [env.program.id],
    );
    const lag = await gauge('tanlian_credit_lag_seconds');
    expect(lag).toBeGreaterThanOrEqual(120);
    expect(lag).toBeLessThan(180);
    // Waiting for a binding is not lag; the next accepted event is seconds old.
    await env.db.query(
      `UPDATE inbox_events SET status = 'pending_binding' WHERE program_id = ? AND event_id = 'lag-1'`,
      [env.program.id],
    );
    expect(await gauge('tanlian_credit_lag_seconds')).toBeLessThan(60);
    await env.db.query(
      `UPDATE inbox_events SET status = 'credited' WHERE program_id = ? AND event_id = 'lag-2'`,
      [env.program.id],
    );
    expect(await gauge('tanlian_credit_lag_seconds')).toBe(0);
  });

  it('overdue cycle: how far the oldest unsettled cycle is past 48 h after its cut-off', async () => {
    const cycle = (seq: number, state: string, closedHoursAgo: number) =>
      env.db.query(
        `INSERT INTO clearing_cycles (program_id, seq, state, opened_at, closes_at)
         VALUES (?, ?, ?, NOW(3) - INTERVAL ? HOUR, NOW(3) - INTERVAL ? HOUR)`,
        [env.program.id, seq, state, closedHoursAgo + 24, closedHoursAgo],
      );
    await cycle(900, 'settled', 100);
    await cycle(901, 'aborted', 90);
    await cycle(902, 'settling', 47); // inside its deadline
    expect(await gauge('tanlian_clearing_overdue_cycle_age_seconds')).toBe(0);
    await cycle(903, 'issued', 72);
    const overdue = await gauge('tanlian_clearing_overdue_cycle_age_seconds');
    expect(overdue).toBeGreaterThanOrEqual(24 * 3600);
    expect(overdue).toBeLessThan(24 * 3600 + 60);
    await env.db.query(
      `UPDATE clearing_cycles SET state = 'settled' WHERE program_id = ? AND seq = 903`,
      [env.program.id],
    );
    expect(await gauge('tanlian_clearing_overdue_cycle_age_seconds')).toBe(0);
  });
});
