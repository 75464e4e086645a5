/**
 * Idempotency keys against the real MariaDB (Stripe's semantics, src/idempotency/README.md): one
 * effect per key, its answer stored with it in one transaction and replayed — failures included —
 * to the same principal on the same route; another request under the key refused; bad input and
 * outages not stored. The handlers write to a table of their own, as a route's service would.
 */
import { DataSource, type EntityManager } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import {
  ConflictError,
  FieldError,
  ReplayedFailure,
  UnavailableError,
} from '../../src/http/domain-error';
import { IdempotencyKeyInUse } from '../../src/idempotency/idempotency-errors';
import { IdempotentRequests, type IdempotentCall } from '../../src/idempotency/idempotent-requests';
import { createTestDatabase, TestDatabase } from '../support/test-config';

let db: TestDatabase;
let dataSource: DataSource;
let requests: IdempotentRequests;

beforeAll(async () => {
  db = await createTestDatabase('idempotency');
  dataSource = await new DataSource(dataSourceOptions(db.config)).initialize();
  await dataSource.query(
    'CREATE TABLE effects (id INT AUTO_INCREMENT PRIMARY KEY, what VARCHAR(64))',
  );
  requests = new IdempotentRequests(dataSource);
});
afterAll(async () => {
  await dataSource.destroy();
  await db.drop();
});

let n = 0;
const call = (over: Partial<IdempotentCall> = {}): IdempotentCall => ({
  scope: 'participant:1',
  route: 'POST /v1/programs/p/redemptions',
  key: `key-${++n}`,
  request: { points: 10 },
  ...over,
});

async function effects(what: string): Promise<number> {
  const [row]: { n: string }[] = await dataSource.query(
    'SELECT COUNT(*) AS n FROM effects WHERE what = ?',
    [what],
  );
  return Number(row.n);
}

/** A handler with an effect: one row, then its answer. */
const write = (what: string) => async (tx: EntityManager) => {
  await tx.query('INSERT INTO effects (what) VALUES (?)', [what]);
  return { id: what, points: 10 };
};

it('runs once; the same key and request get the stored answer, marked replayed', async () => {
  const c = call();
  const first = await requests.run(c, write('a'));
  const again = await requests.run(c, write('a'));
  expect(first).toEqual({ body: { id: 'a', points: 10 }, replayed: false });
  expect(again).toEqual({ body: { id: 'a', points: 10 }, replayed: true });
  expect(await effects('a')).toBe(1);
});

it('refuses the key for another request, and keeps keys apart by principal and route', async () => {
  const c = call();
  await requests.run(c, write('b'));
  await expect(requests.run({ ...c, request: { points: 11 } }, write('b'))).rejects.toMatchObject({
    code: 'idempotency_key_reused',
    httpStatus: 409,
  });
  // Another merchant with the same key, or the same merchant on another hold: their own.
  expect(await requests.run({ ...c, scope: 'participant:2' }, write('b'))).toMatchObject({
    replayed: false,
  });
  expect(await requests.run({ ...c, route: `${c.route}/rd_2` }, write('b'))).toMatchObject({
    replayed: false,
  });
  expect(await effects('b')).toBe(3);
});

it('stores a business failure and replays it, even after the world changed', async () => {
  const c = call();
  let funded = false;
  const spend = async (tx: EntityManager) => {
    if (!funded) throw new ConflictError('insufficient_points', 'Only 5 points are available');
    return write('c')(tx);
  };
  await expect(requests.run(c, spend)).rejects.toMatchObject({ code: 'insufficient_points' });
  funded = true; // a top-up arrives: the same key still answers what it answered
  const replay = requests.run(c, spend);
  await expect(replay).rejects.toBeInstanceOf(ReplayedFailure);
  await expect(replay).rejects.toMatchObject({
    status: 409,
    body: { statusCode: 409, code: 'insufficient_points', message: 'Only 5 points are available' },
  });
  expect(await effects('c')).toBe(0);
  // A new key is a new attempt.
  expect(await requests.run(call(), spend)).toMatchObject({ replayed: false });
  expect(await effects('c')).toBe(1);
});

it('stores nothing for bad input or an outage: a retry with the key runs afresh', async () => {
  for (const failure of [
    new FieldError('points', 'must be at most the hold'),
    new UnavailableError('storage_unavailable', 'MySQL did not answer', 5),
  ]) {
    const c = call();
    await expect(
      requests.run(c, async () => {
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await requests.run(c, write(`d-${failure.code}`))).toMatchObject({ replayed: false });
  }
});

it('rolls back an effect whose answer could not be stored, and runs it again on retry', async () => {
  const c = call();
  await expect(
    requests.run(c, async (tx) => {
      await write('e')(tx);
      throw new Error('the process fell over');
    }),
  ).rejects.toThrow('fell over');
  expect(await effects('e')).toBe(0);
  await requests.run(c, write('e'));
  expect(await effects('e')).toBe(1);
});

it('answers 409 in use while the first request runs; one effect for ten at once', async () => {
  const c = call();
  let release!: () => void;
  let running!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const started = new Promise<void>((r) => (running = r));
  const first = requests.run(c, async (tx) => {
    running();
    await gate;
    return write('f')(tx);
  });
  await started; // the first holds the key and is running
  await expect(requests.run(c, write('f'))).rejects.toBeInstanceOf(IdempotencyKeyInUse);
  release();
  await first;
  const storm = await Promise.allSettled(
    Array.from({ length: 10 }, () => requests.run(c, write('f'))),
  );
  expect(storm.every((s) => s.status === 'fulfilled' && s.value.replayed)).toBe(true);
  expect(await effects('f')).toBe(1);
});

it('lets a retry take over a key whose first request died in flight', async () => {
  const c = call();
  await dataSource.query(
    `INSERT INTO idempotency_keys (scope, route, idempotency_key, request_hash, state, locked_until, created_at)
     VALUES (?, ?, ?, UNHEX(SHA2('x', 256)), 'started', NOW(3) - INTERVAL 1 SECOND, NOW(3))`,
    [c.scope, c.route, c.key],
  );
  expect(await requests.run(c, write('g'))).toMatchObject({ replayed: false });
  expect(await effects('g')).toBe(1);
});
