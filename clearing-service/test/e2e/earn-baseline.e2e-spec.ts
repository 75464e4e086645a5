/**
 * baseline_diff (household electricity): the baseline is the lower of the city's and the resident's
 * own average over the 7 days before the reading, from the readings the worker counted before.
 */
import { EarnEnv } from '../support/earn-env';

let env: EarnEnv;

beforeAll(async () => {
  env = await EarnEnv.start('earn_baseline');
  await env.startWorker();
});
afterAll(() => env.stop());

const DAY = 86_400_000;

/** A whole China day's electricity reading, `daysAgo` days before today's China midnight. */
function reading(id: string, user: string, daysAgo: number, wh: number) {
  const chinaMidnight = Date.now() - ((Date.now() + 8 * 3_600_000) % DAY);
  const start = chinaMidnight - daysAgo * DAY;
  return {
    id,
    user,
    behaviour: 'electricity',
    startedAt: new Date(start).toISOString(),
    endedAt: new Date(start + DAY - 1000).toISOString(),
    activity: { units: wh },
  };
}

it("uses the city baseline first, then the lower of it and the resident's 7-day average", async () => {
  await env.bindResident('wx-hana', env.operators.metro, 'hana');
  const credit = async (id: string, daysAgo: number, wh: number) => {
    await env.push(env.operators.metro, reading(id, 'hana', daysAgo, wh)).expect(202);
    await env.processed();
    const [row]: { reduction_mg: string; formula: string }[] = await env.db.query(
      `SELECT r.reduction_mg, r.formula FROM reductions r JOIN inbox_events e ON e.id = r.inbox_event_id
        WHERE e.event_id = ?`,
      [id],
    );
    return { mg: Number(row.reduction_mg), formula: row.formula };
  };

  // No history: city 3,000 Wh − 2,000 Wh = 1,000 Wh × 570.3 mg/Wh.
  expect(await credit('pw-1', 4, 2000)).toEqual({
    mg: 570_300,
    formula: expect.stringContaining('baseline = city 3000 Wh (no 7-day average)'),
  });
  // Average 2,000 Wh is below the city's: nothing saved against it at 2,500 Wh.
  expect(await credit('pw-2', 3, 2500)).toEqual({
    mg: 0,
    formula: expect.stringContaining('min(city 3000 Wh, 7-day average 2000 Wh) = 2000 Wh'),
  });
  // Average of 2,000 and 2,500 = 2,250 Wh; 2,250 − 1,000 = 1,250 Wh × 570.3 = 712,875 mg.
  expect(await credit('pw-3', 2, 1000)).toEqual({
    mg: 712_875,
    formula: expect.stringContaining('7-day average 2250 Wh) = 2250 Wh'),
  });
});
