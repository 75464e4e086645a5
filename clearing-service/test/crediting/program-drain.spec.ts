import type { CreditingBatch } from '../../src/crediting/services/crediting-batch';
import { ProgramDrain } from '../../src/crediting/services/program-drain';

/**
 * A program's inbox: `waiting` events, claimed `limit` at a time, each batch then takes 10 ms.
 * `deferOnce` events of the next batch belong to residents another batch holds: that batch claims
 * them but leaves them waiting.
 */
function fakeInbox(lanes: number) {
  const inbox = {
    waiting: new Map<number, number>(),
    concurrent: 0,
    maxConcurrent: 0,
    batches: 0,
    deferOnce: 0,
    /** Called right after each batch has claimed its rows, with how many batches have claimed. */
    onClaimed: (_claims: number) => undefined as void,
    claims: 0,
  };
  const batch = {
    async run(programId: number, limit: number) {
      inbox.concurrent += 1;
      inbox.maxConcurrent = Math.max(inbox.maxConcurrent, inbox.concurrent);
      const claimed = Math.min(limit, inbox.waiting.get(programId) ?? 0);
      const deferred = Math.min(claimed, inbox.deferOnce);
      inbox.deferOnce -= deferred;
      inbox.waiting.set(programId, (inbox.waiting.get(programId) ?? 0) - claimed);
      inbox.claims += 1;
      inbox.onClaimed(inbox.claims);
      await new Promise((r) => setTimeout(r, 10));
      inbox.waiting.set(programId, (inbox.waiting.get(programId) ?? 0) + deferred);
      inbox.batches += 1;
      inbox.concurrent -= 1;
      return { claimed, deferred };
    },
  };
  return {
    inbox,
    drain: new ProgramDrain(batch as unknown as CreditingBatch, { crediting: { lanes } }),
  };
}

it('runs one drain of a program at a time; a drain asked for meanwhile goes round once more', async () => {
  const { inbox, drain } = fakeInbox(1);
  inbox.waiting.set(1, 25);
  // Events arrive during the last batch (the third: 10 + 10 + 5), after it claimed its rows, with
  // wake-ups for them (jobs, the sweeper): the running drain must credit them too before the
  // wake-ups resolve. Triggered by the claim itself, not by a timer, so load cannot reorder it.
  let others: Promise<number>[] = [];
  inbox.onClaimed = (claims) => {
    if (claims !== 3) return;
    inbox.waiting.set(1, (inbox.waiting.get(1) ?? 0) + 4);
    others = [drain.drain(1, 10), drain.drain(1, 10), drain.drain(1, 10)];
  };
  const first = drain.drain(1, 10);
  await first;
  expect(others).toHaveLength(3);
  await Promise.all(others);
  expect(inbox.waiting.get(1)).toBe(0);
  expect(await first).toBe(29);
  expect(inbox.maxConcurrent).toBe(1);
});

it('runs `lanes` batches of one program at once, and no more', async () => {
  const { inbox, drain } = fakeInbox(3);
  inbox.waiting.set(1, 95);
  expect(await drain.drain(1, 10)).toBe(95);
  expect(inbox.waiting.get(1)).toBe(0);
  expect(inbox.maxConcurrent).toBe(3);
});

it('goes round again for events a batch left to others, counting each event once', async () => {
  const { inbox, drain } = fakeInbox(2);
  inbox.waiting.set(1, 5);
  inbox.deferOnce = 5; // the first batch finds all five held elsewhere
  expect(await drain.drain(1, 10)).toBe(5);
  expect(inbox.waiting.get(1)).toBe(0);
});

it('drains different programs side by side', async () => {
  const { inbox, drain } = fakeInbox(1);
  inbox.waiting.set(1, 5);
  inbox.waiting.set(2, 5);
  await Promise.all([drain.drain(1, 10), drain.drain(2, 10)]);
  expect(inbox.maxConcurrent).toBe(2);
  expect([inbox.waiting.get(1), inbox.waiting.get(2)]).toEqual([0, 0]);
});

it('starts afresh once a drain has finished', async () => {
  const { inbox, drain } = fakeInbox(2);
  inbox.waiting.set(1, 3);
  expect(await drain.drain(1, 10)).toBe(3);
  inbox.waiting.set(1, 2);
  expect(await drain.drain(1, 10)).toBe(2);
});
