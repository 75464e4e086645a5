/**
 * A crediting batch numbers its ledger transactions and reductions from the insert's id range
 * (no read-back) and writes them while later statements are still being prepared: every record
 * must still point at the right one — event ↔ reduction ↔ ledger transaction ↔ audit leaf.
 */
import { EarnEnv, metroRide } from '../support/earn-env';

jest.setTimeout(120_000);

let env: EarnEnv;

beforeAll(async () => {
  env = await EarnEnv.start('earn_batch_ids');
});
afterAll(() => env.stop());

it('links each credited event to its own reduction, transaction and leaf across batches and operators', async () => {
  const { metro, mapApp } = env.operators;
  for (let r = 0; r < 40; r++) {
    const residentId = await env.bindResident(`wx-ids-${r}`, metro, `m-${r}`);
    await env.bindResidentTo(residentId, mapApp, `a-${r}`);
  }
  // 700 rides (more than one batch of 500), 20 minutes apart per resident so none overlap,
  // from two operators, pushed before the worker starts so batches are full and mixed.
  const rides = Array.from({ length: 700 }, (_, i) => {
    const op = i % 2 === 0 ? metro : mapApp;
    const resident = Math.floor(i / 2) % 40;
    const slot = Math.floor(i / 80);
    const ride = metroRide(`ids-${i}`, `${op === metro ? 'm' : 'a'}-${resident}`, {
      behaviour: 'bus', // SZ-EBUS has no daily cap: every ride is credited
      distanceM: 1000 + i,
      minutesAgo: 30 + slot * 25 + (i % 2) * 12,
      minutes: 10,
    });
    return { op, ride };
  });
  for (const op of [metro, mapApp]) {
    const events = rides.filter((x) => x.op === op).map((x) => x.ride);
    const answer = await env.push(op, { events });
    expect(answer.body).toMatchObject({ accepted: events.length, refused: 0 });
  }
  await env.startWorker();
  await env.processed(60_000);

  const rows: {
    event_id: string;
    inbox_id: string;
    status: string;
    reduction_id: string | null;
    r_id: string | null;
    r_event: string | null;
    distance_m: number;
    tx_id: string | null;
    tx_reference: string | null;
  }[] = await env.db.query(
    `SELECT e.event_id, e.id AS inbox_id, e.status, o.reduction_id, e.distance_m,
            r.id AS r_id, r.inbox_event_id AS r_event, t.id AS tx_id, t.reference AS tx_reference
       FROM inbox_events e
       LEFT JOIN event_outcomes o ON o.inbox_event_id = e.id
       LEFT JOIN reductions r ON r.id = o.reduction_id
       LEFT JOIN ledger_transactions t ON t.id = r.ledger_transaction_id
      WHERE e.event_id LIKE 'ids-%'`,
  );
  expect(rows).toHaveLength(700);
  const credited = rows.filter((r) => r.status === 'credited');
  expect(credited).toHaveLength(700);
  for (const r of credited) {
    expect(r.r_event).toBe(r.inbox_id);
    expect(r.tx_reference).toBe(`event:${r.inbox_id}`);
  }

  // Each resident entry names the reduction its private part is made of (format 2 has no
  // database ids in public); through it, its event.
  const leaves: { kind: string; ref_id: string; leaf_data: Buffer; event_id: string }[] =
    await env.db.query(
      `SELECT l.kind, l.ref_id, l.leaf_data, i.event_id
         FROM audit_leaves l
         JOIN audit_resident_entries e ON e.program_id = l.program_id AND e.leaf_index = l.leaf_index
         JOIN reductions r ON r.id = e.subject_id
         JOIN inbox_events i ON i.id = r.inbox_event_id
        WHERE l.kind IN ('ledger_transaction', 'reduction')`,
    );
  const byEvent = new Map(credited.map((r) => [r.event_id, r]));
  let checked = 0;
  for (const leaf of leaves) {
    const body = JSON.parse(leaf.leaf_data.subarray(1).toString('utf8'));
    const row = byEvent.get(leaf.event_id);
    if (!row) continue;
    checked += 1;
    expect(body.type).toBe('reduction_credit');
    expect(body.transaction === null).toBe(row.tx_id === null);
    expect(leaf.ref_id).toBe(String(row.tx_id ?? row.r_id));
  }
  expect(checked).toBe(credited.length);
  expect(await env.ledgerCheck()).toMatchObject({ ok: true });
});
