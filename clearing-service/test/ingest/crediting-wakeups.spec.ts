import { COALESCE_MS, CreditingWakeups } from '../../src/ingest/services/crediting-wakeups';
import type { QueueProducer } from '../../src/queue/queue-producer';

function setup() {
  const jobs: { jobId: string; delay: number; programId: number }[] = [];
  const producer = {
    add: (
      _queue: string,
      _name: string,
      data: { programId: number },
      opts: { jobId: string; delay: number },
    ) => {
      jobs.push({ jobId: opts.jobId, delay: opts.delay, programId: data.programId });
      return Promise.resolve();
    },
  };
  return { jobs, wakeups: new CreditingWakeups(producer as unknown as QueueProducer) };
}

const start = 1_000 * COALESCE_MS; // the start of a coalescing window

it("books one wake-up per window, due at the window's end, so that it finds all of its events", () => {
  const { jobs, wakeups } = setup();
  wakeups.wake(1, start + 10);
  wakeups.wake(1, start + 60);
  wakeups.wake(1, start + 249);
  expect(jobs).toEqual([{ jobId: 'credit-1-1000', delay: COALESCE_MS - 10, programId: 1 }]);
});

it('wakes again in the next window, and per program', () => {
  const { jobs, wakeups } = setup();
  wakeups.wake(1, start + 10);
  wakeups.wake(2, start + 20);
  wakeups.wake(1, start + COALESCE_MS + 5);
  expect(jobs.map((j) => [j.jobId, j.delay])).toEqual([
    ['credit-1-1000', COALESCE_MS - 10],
    ['credit-2-1000', COALESCE_MS - 20],
    ['credit-1-1001', COALESCE_MS - 5],
  ]);
});
