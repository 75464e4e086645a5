import { randomBytes } from 'node:crypto';
import type { Connection, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { EventStream, Population, Prng } from '../../src/demo/simulator';
import type { SeededProgram } from './setup';
import { INBOX_COLUMNS, inboxRow } from '../../src/ingest/inbox-row';

/** How the service decided events, as shares: the floor writes the same mix. */
export interface DecisionMix {
  /** Credited with points: reduction, ledger transaction, 2 postings, balances, leaf, status. */
  withPoints: number;
  /** Credited without points (0 mg, or unfunded): reduction, leaf, status. */
  withoutPoints: number;
  /** Capped, overlapping or rejected: status only. */
  noCredit: number;
  /** Waiting for a binding: status only. */
  waiting: number;
}

export interface FloorInput {
  connect: () => Promise<Connection>;
  program: SeededProgram;
  population: Population;
  residentIds: number[];
  /** behaviour → a published methodology of the bench program (ids for the reduction rows). */
  methodologies: Map<string, { id: number; code: string; version: number }>;
  mix: DecisionMix;
  leafBytes: number;
  formulaChars: number;
  events: number;
  maxMs: number;
  onProgress?: (line: string) => void;
}

export interface FloorResult {
  events: number;
  seconds: number;
  perSecond: number;
  transactions: number;
  insertSeconds: number;
}

const INSERT_CHUNK = 1000; // rows per INSERT, as the batch endpoint stores a 1000-event batch
const CREDIT_BATCH = 500; // events per crediting transaction, as the worker batches them
const INSERTERS = 2; // concurrent inbox writers (the api serves several requests at once)
const ACCOUNT_ID_BASE = 1e12; // explicit account ids, far from the service's auto-increment ones

interface FloorEvent {
  row: unknown[];
  kind: keyof DecisionMix;
  residentId: number;
  operatorId: number;
  issuerIndex: number;
  residentIndex: number;
  behaviour: string;
  startedAt: Date;
  endedAt: Date;
  distanceM: number | null;
  units: number | null;
  district: string | null;
  points: number;
  mg: number;
}

/**
 * The floor: a bare mysql2 script doing the same durable writes per event as the api and the
 * worker, and nothing else — no HTTP, no validation, no reads, no planning. Inbox rows go in as
 * 1000-row INSERTs (two writers at once); a crediter takes them 500 at a time, each batch one
 * transaction: accounts' balances, ledger transactions, postings, reductions, audit leaves and
 * head, cap usage, point remainders and the events' statuses and outcomes, in the decision mix the service
 * produced. Events/s = events / (first insert → last commit).
 */
export async function runFloor(input: FloorInput): Promise<FloorResult> {
  const events = prepare(input);
  const inserters = await Promise.all(Array.from({ length: INSERTERS }, input.connect));
  const crediter = await input.connect();
  try {
    await crediter.query(
      // The service created the head already; the floor never opens the salt, so any bytes do.
      'INSERT IGNORE INTO audit_log_heads (program_id, next_index, sealed_resident_salt) VALUES (?, 0, ?)',
      [input.program.id, randomBytes(61)],
    );
    const [[head]] = await crediter.query<RowDataPacket[]>(
      'SELECT next_index FROM audit_log_heads WHERE program_id = ?',
      [input.program.id],
    );
    let nextLeaf = Number(head.next_index);
    const started = performance.now();
    const deadline = started + input.maxMs;
    // Inbox ids as inserted, in order per chunk; the crediter takes them as they come.
    const stored: { id: number; e: FloorEvent }[] = [];
    let insertsDone = false;
    let insertEnded = started;

    let nextChunk = 0;
    const chunks = Math.ceil(events.length / INSERT_CHUNK);
    const insertLoop = async (db: Connection) => {
      while (nextChunk < chunks && performance.now() < deadline) {
        const chunk = events.slice(nextChunk * INSERT_CHUNK, ++nextChunk * INSERT_CHUNK);
        const [res] = await timed('inbox INSERT (inserters, in parallel)', () =>
          db.query<ResultSetHeader>(
            `INSERT INTO inbox_events (${INBOX_COLUMNS.join(', ')}) VALUES ?`,
            [chunk.map((e) => e.row)],
          ),
        );
        // innodb_autoinc_lock_mode 1: a simple multi-row INSERT gets consecutive ids.
        chunk.forEach((e, i) => stored.push({ id: res.insertId + i, e }));
      }
    };
    const inserting = Promise.all(inserters.map(insertLoop)).then(() => {
      insertsDone = true;
      insertEnded = performance.now();
    });

    let credited = 0;
    let transactions = 0;
    let lastReport = performance.now();
    while (performance.now() < deadline) {
      if (stored.length - credited < CREDIT_BATCH && !insertsDone) {
        await new Promise((r) => setTimeout(r, 1));
        continue;
      }
      if (credited >= stored.length) break;
      const batch = stored.slice(credited, credited + CREDIT_BATCH);
      nextLeaf = await creditBatch(crediter, input, batch, nextLeaf);
      credited += batch.length;
      transactions += 1;
      if (input.onProgress && performance.now() - lastReport > 5000) {
        lastReport = performance.now();
        input.onProgress(
          `${credited.toLocaleString('en')} credited, ${stored.length.toLocaleString('en')} stored`,
        );
      }
    }
    await inserting;
    const seconds = (performance.now() - started) / 1000;
    return {
      events: credited,
      seconds,
      perSecond: credited / seconds,
      transactions,
      insertSeconds: (insertEnded - started) / 1000,
    };
  } finally {
    await Promise.all([...inserters, crediter].map((c) => c.end()));
  }
}

/** The events, generated before the clock starts: the floor measures the database only. */
function prepare(input: FloorInput): FloorEvent[] {
  const stream = new EventStream(input.population, { seed: 0xf100, runTag: 'floor' });
  const prng = new Prng(0xf100);
  const residentOf = new Map<string, number>();
  for (const r of input.population.residents)
    for (const a of Object.values(r.accounts)) if (a?.bound) residentOf.set(a.user, r.index);
  const codes = Object.keys(input.program.operators);
  const { mix } = input;
  const bound = mix.withPoints + mix.withoutPoints + mix.noCredit;
  const now = new Date();
  const out: FloorEvent[] = [];
  while (out.length < input.events) {
    const sim = stream.next();
    if (sim.redelivery) continue; // a redelivery stores nothing new
    const e = sim.event;
    const op = input.program.operators[sim.operator];
    const residentIndex = residentOf.get(e.user);
    const roll = prng.next() * bound;
    const kind: keyof DecisionMix =
      residentIndex === undefined
        ? 'waiting'
        : roll < mix.withPoints
          ? 'withPoints'
          : roll < mix.withPoints + mix.withoutPoints
            ? 'withoutPoints'
            : 'noCredit';
    const mg =
      e.activity.distanceM !== undefined ? Math.round(e.activity.distanceM * 46.7) : 150_000;
    out.push({
      row: inboxRow(input.program.id, op.id, e, randomBytes(32), now),
      kind,
      residentId: residentIndex === undefined ? 0 : input.residentIds[residentIndex],
      residentIndex: residentIndex ?? 0,
      operatorId: op.id,
      issuerIndex: codes.indexOf(sim.operator),
      behaviour: e.behaviour,
      startedAt: new Date(e.startedAt),
      endedAt: new Date(e.endedAt),
      distanceM: e.activity.distanceM ?? null,
      units: e.activity.units ?? null,
      district: e.district ?? null,
      points: Math.max(1, Math.floor(mg / 10_000)),
      mg,
    });
  }
  return out;
}

// The seeded caps are all daily (metro rides, walking): the service records usage per capped period.
const CAPPED = new Set(['metro', 'walk']);
// Readings the electricity baseline keeps (metered_use).
const METERED = new Set(['electricity']);

/** Milliseconds the crediter spent per statement, over the whole run. */
export const floorTimings: Record<string, number> = {};

async function timed<T>(label: string, run: () => Promise<T>): Promise<T> {
  const t = performance.now();
  try {
    return await run();
  } finally {
    floorTimings[label] = (floorTimings[label] ?? 0) + performance.now() - t;
  }
}

async function creditBatch(
  raw: Connection,
  input: FloorInput,
  batch: { id: number; e: FloorEvent }[],
  firstLeaf: number,
): Promise<number> {
  const db = {
    query: <T extends ResultSetHeader | RowDataPacket[]>(sql: string, params: unknown[]) =>
      timed(sql.trim().split(/\s+/).slice(0, 3).join(' '), () => raw.query<T>(sql, params)),
  };
  const programId = input.program.id;
  const now = new Date();
  const expiresOn = '2029-12-31';
  const withPoints = batch.filter((b) => b.e.kind === 'withPoints');
  const reduced = batch.filter((b) => b.e.kind === 'withPoints' || b.e.kind === 'withoutPoints');

  await timed('BEGIN', () => raw.beginTransaction());
  try {
    // Balances: the issuers' mint accounts go down, residents' lots go up (created on first use).
    const deltas = new Map<number, { key: unknown[]; delta: number }>();
    const move = (id: number, key: unknown[], amount: number) => {
      const d = deltas.get(id) ?? { key, delta: 0 };
      d.delta += amount;
      deltas.set(id, d);
    };
    for (const { e } of withPoints) {
      move(mintId(e), [e.operatorId, 'issuer_mint', 0, '9999-12-31'], -e.points);
      move(lotId(e), [e.operatorId, 'resident', e.residentId, expiresOn], e.points);
    }
    if (deltas.size > 0) {
      await db.query(
        `INSERT INTO ledger_accounts (id, program_id, issuer_id, kind, owner_id, expires_on, balance) VALUES ?
           ON DUPLICATE KEY UPDATE balance = balance + VALUES(balance)`,
        [[...deltas].map(([id, d]) => [id, programId, ...d.key, d.delta])],
      );
    }
    let txIds: number[] = [];
    if (withPoints.length > 0) {
      const [tx] = await db.query<ResultSetHeader>(
        'INSERT INTO ledger_transactions (program_id, kind, reference, created_at) VALUES ?',
        [withPoints.map((b) => [programId, 'issuance', `event:${b.id}`, now])],
      );
      txIds = withPoints.map((_, i) => tx.insertId + i);
      await db.query('INSERT INTO ledger_postings (transaction_id, account_id, amount) VALUES ?', [
        withPoints.flatMap(({ e }, i) => [
          [txIds[i], mintId(e), -e.points],
          [txIds[i], lotId(e), e.points],
        ]),
      ]);
    }
    const txOf = new Map(withPoints.map((b, i) => [b.id, txIds[i]]));
    const reductionOf = new Map<number, number>();
    if (reduced.length > 0) {
      const formula = 'x'.repeat(input.formulaChars);
      const [red] = await db.query<ResultSetHeader>(
        `INSERT INTO reductions (program_id, resident_id, operator_id, inbox_event_id, methodology_id,
           methodology_code, methodology_version, behaviour, is_trip, calculated_mg, reduction_mg, formula,
           district, started_at, ended_at, points, points_status, ledger_transaction_id, created_at) VALUES ?`,
        [
          reduced.map(({ id, e }) => {
            const m = input.methodologies.get(e.behaviour)!;
            const tx = txOf.get(id) ?? null;
            return [
              programId,
              e.residentId,
              e.operatorId,
              id,
              m.id,
              m.code,
              m.version,
              e.behaviour,
              e.distanceM !== null,
              e.mg,
              e.mg,
              formula,
              e.district,
              e.startedAt,
              e.endedAt,
              tx ? e.points : 0,
              tx ? 'credited' : 'none',
              tx,
              now,
            ];
          }),
        ],
      );
      reduced.forEach((b, i) => reductionOf.set(b.id, red.insertId + i));
      await db.query(
        'INSERT INTO audit_leaves (program_id, leaf_index, kind, ref_id, leaf_data, created_at) VALUES ?',
        [
          reduced.map(({ id }, i) => {
            const tx = txOf.get(id);
            return [
              programId,
              firstLeaf + i,
              tx ? 'ledger_transaction' : 'reduction',
              tx ?? reductionOf.get(id)!,
              randomBytes(input.leafBytes),
              now,
            ];
          }),
        ],
      );
      await db.query('UPDATE audit_log_heads SET next_index = ? WHERE program_id = ?', [
        firstLeaf + reduced.length,
        programId,
      ]);
      const caps = new Map<string, unknown[]>();
      for (const { e } of reduced) {
        if (!CAPPED.has(e.behaviour)) continue;
        const day = e.startedAt.toISOString().slice(0, 10);
        caps.set(`${e.residentId}|${e.behaviour}|${day}`, [
          e.residentId,
          e.behaviour,
          day,
          e.mg,
          1,
        ]);
      }
      if (caps.size > 0) {
        await db.query(
          `INSERT INTO cap_usage (resident_id, behaviour, period, used_mg, used_events) VALUES ?
             ON DUPLICATE KEY UPDATE used_mg = used_mg + VALUES(used_mg), used_events = used_events + 1`,
          [[...caps.values()]],
        );
      }
      const readings = reduced.filter(({ e }) => METERED.has(e.behaviour) && e.units !== null);
      if (readings.length > 0) {
        await db.query(
          'INSERT INTO metered_use (resident_id, behaviour, started_at, inbox_event_id, units) VALUES ?',
          [readings.map(({ id, e }) => [e.residentId, e.behaviour, e.startedAt, id, e.units])],
        );
      }
      const remainders = new Map<string, unknown[]>();
      for (const { e } of reduced)
        remainders.set(`${e.residentId}|${e.operatorId}`, [
          e.residentId,
          e.operatorId,
          e.mg % 10_000,
        ]);
      await db.query(
        `INSERT INTO point_remainders (resident_id, issuer_id, remainder_mg) VALUES ?
           ON DUPLICATE KEY UPDATE remainder_mg = VALUES(remainder_mg)`,
        [[...remainders.values()]],
      );
    }
    // Statuses in place, one UPDATE per status as the worker writes them, and the outcome rows.
    const statusOf = (b: { e: FloorEvent }) =>
      b.e.kind === 'waiting' ? 'pending_binding' : b.e.kind === 'noCredit' ? 'capped' : 'credited';
    const idsByStatus = new Map<string, number[]>();
    for (const b of batch) {
      const ids = idsByStatus.get(statusOf(b)) ?? [];
      ids.push(b.id);
      idsByStatus.set(statusOf(b), ids);
    }
    for (const [status, ids] of idsByStatus)
      await db.query('UPDATE inbox_events SET status = ? WHERE id IN (?)', [status, ids]);
    await db.query(
      `INSERT INTO event_outcomes (inbox_event_id, reason, resident_id, reduction_id, overlaps_event_id, processed_at)
         VALUES ? ON DUPLICATE KEY UPDATE reason = VALUES(reason), resident_id = VALUES(resident_id),
           reduction_id = VALUES(reduction_id), overlaps_event_id = VALUES(overlaps_event_id),
           processed_at = VALUES(processed_at)`,
      [
        batch.map((b) => [
          b.id,
          b.e.kind === 'waiting' ? 'waiting for the resident to bind this operator account' : null,
          b.e.kind === 'waiting' ? null : b.e.residentId,
          reductionOf.get(b.id) ?? null,
          null,
          b.e.kind === 'waiting' ? null : now,
        ]),
      ],
    );
    await timed('COMMIT', () => raw.commit());
    return firstLeaf + reduced.length;
  } catch (err) {
    await raw.rollback();
    throw err;
  }
}

function mintId(e: FloorEvent): number {
  return ACCOUNT_ID_BASE + e.issuerIndex;
}

function lotId(e: FloorEvent): number {
  return ACCOUNT_ID_BASE + 1000 + e.residentIndex * 8 + e.issuerIndex;
}
