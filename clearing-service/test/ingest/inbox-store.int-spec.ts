/**
 * storeInboxRows against concurrent writers of the same events that take their locks in another
 * order, so that some are deadlock victims: a victim's rows vanish while an upsert that waited on
 * them completes without storing them. Each event must still come back stored.
 */
import { randomBytes } from 'node:crypto';
import { isRetryableLockError } from '../../src/database/deadlock-retry';
import { INBOX_COLUMNS, inboxRow } from '../../src/ingest/inbox-row';
import { InboxInsert, inboxKey, storeInboxRows } from '../../src/ingest/services/inbox-store';
import { EarnEnv, metroRide } from '../support/earn-env';

jest.setTimeout(120_000);

let env: EarnEnv;
// Deadlocks the competing writers were chosen as victims of.
let deadlocks = 0;

beforeAll(async () => {
  env = await EarnEnv.start('inbox_store');
});
afterAll(() => env.stop());

function inserts(ids: string[], now: Date): InboxInsert[] {
  const programId = env.program.id;
  const operatorId = env.operators.metro.participant.id;
  return ids.map((id) => {
    const hash = randomBytes(32);
    return {
      programId,
      operatorId,
      eventId: id,
      hash,
      receivedAt: now,
      values: inboxRow(programId, operatorId, metroRide(id, 'u'), hash, now),
    };
  });
}

/** Another writer's upsert, in random row order, retried when chosen as a deadlock victim. */
async function competingUpsert(events: InboxInsert[]): Promise<void> {
  const rows = [...events].sort(() => Math.random() - 0.5).map((e) => e.values);
  for (let attempt = 1; ; attempt++) {
    try {
      await env.db.query(
        `INSERT INTO inbox_events (${INBOX_COLUMNS.join(', ')}) VALUES ? ON DUPLICATE KEY UPDATE id = id`,
        [rows],
      );
      return;
    } catch (err) {
      if (!isRetryableLockError(err) || attempt > 8) throw err;
      deadlocks++;
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * attempt));
    }
  }
}

it('returns every event stored when concurrent writers of the same events deadlock', async () => {
  let unconfirmed = 0;
  for (let round = 0; round < 100; round++) {
    const shared = Array.from({ length: 40 }, (_, i) => `store${round}-s${i}`);
    const now = new Date();
    const own = inserts(
      [...shared, ...Array.from({ length: 60 }, (_, i) => `store${round}-own${i}`)],
      now,
    );
    const [stored] = await Promise.all([
      // A moment after the others, so that it waits on rows they have not committed yet.
      new Promise((r) => setTimeout(r, round % 3)).then(() => storeInboxRows(env.db.manager, own)),
      ...Array.from({ length: 3 }, (_, w) =>
        competingUpsert(
          inserts(
            [...shared, ...Array.from({ length: 60 }, (_, i) => `store${round}-w${w}-${i}`)],
            now,
          ),
        ),
      ),
    ]);
    unconfirmed += own.filter(
      (e) => !stored.has(inboxKey(e.programId, e.operatorId, e.eventId)),
    ).length;
  }
  expect(deadlocks).toBeGreaterThan(0); // the race this is about did happen
  expect(unconfirmed).toBe(0);
});
