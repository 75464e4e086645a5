import { insertRows, placeholders, type SqlRunner } from '../../database/sql';
import type { ActiveMark, FactsPayload, FlowCell, ReductionCell } from '../rollup-facts';
import { cycleFigures, cycleKey, flowKey, reductionKey } from '../rollup-comparison';

// Reporting's own tables: folding the outbox into the rollups. Plain SQL; the dashboards' reads
// are in dashboards-store.ts.

const CHUNK = 1000;

function chunks<T>(rows: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** Locks the program's fold: one folder per program at a time. */
export async function lockFold(db: SqlRunner, programId: number): Promise<void> {
  await db.query('INSERT IGNORE INTO reporting_fold_locks (program_id) VALUES (?)', [programId]);
  await db.query('SELECT program_id FROM reporting_fold_locks WHERE program_id = ? FOR UPDATE', [
    programId,
  ]);
}

/** Programs with facts waiting. */
export async function programsWithFacts(db: SqlRunner): Promise<number[]> {
  const rows: { program_id: number }[] = await db.query(
    'SELECT DISTINCT program_id FROM reporting_outbox',
  );
  return rows.map((r) => r.program_id);
}

/** The oldest committed payloads of a program, up to `limit`. */
export async function takeFacts(
  db: SqlRunner,
  programId: number,
  limit: number,
): Promise<{ ids: number[]; payloads: FactsPayload[] }> {
  const rows: { id: string; payload: string }[] = await db.query(
    `SELECT id, payload FROM reporting_outbox WHERE program_id = ? ORDER BY id LIMIT ${Number(limit)}`,
    [programId],
  );
  return {
    ids: rows.map((r) => Number(r.id)),
    payloads: rows.map((r) => JSON.parse(r.payload) as FactsPayload),
  };
}

export async function deleteFacts(db: SqlRunner, ids: number[]): Promise<void> {
  for (const part of chunks(ids))
    await db.query(`DELETE FROM reporting_outbox WHERE id IN (${placeholders(part)})`, part);
}

export async function addReductionCells(
  db: SqlRunner,
  programId: number,
  cells: ReductionCell[],
): Promise<void> {
  for (const part of chunks(cells))
    await insertRows(
      db,
      'reporting_reductions',
      [
        'program_id',
        'period_kind',
        'period_start',
        'behaviour',
        'operator_id',
        'district',
        'reduction_mg',
        'points',
        'events',
      ],
      part.map((c) => [
        programId,
        c.kind,
        c.start,
        c.behaviour,
        c.operatorId,
        c.district,
        c.mg,
        c.points,
        c.events,
      ]),
      `ON DUPLICATE KEY UPDATE reduction_mg = reduction_mg + VALUES(reduction_mg),
         points = points + VALUES(points), events = events + VALUES(events)`,
    );
}

export async function addFlows(db: SqlRunner, programId: number, flows: FlowCell[]): Promise<void> {
  for (const part of chunks(flows))
    await insertRows(
      db,
      'reporting_point_flows',
      ['program_id', 'period_kind', 'period_start', 'issuer_id', 'figure', 'points'],
      part.map((f) => [programId, f.kind, f.start, f.issuerId, f.figure, f.points]),
      'ON DUPLICATE KEY UPDATE points = points + VALUES(points)',
    );
}

const markKey = (m: Omit<ActiveMark, 'residentId'> & { residentId: number }) =>
  `${m.kind}|${m.start}|${m.operatorId}|${m.residentId}`;

/**
 * Adds the marks not yet in their periods' sets and counts them in: the sets stay distinct and
 * each count stays its set's size (the fold holds the program's lock, so no one else adds).
 */
export async function addActive(
  db: SqlRunner,
  programId: number,
  marks: ActiveMark[],
): Promise<void> {
  const fresh: ActiveMark[] = [];
  for (const part of chunks(marks)) {
    const starts = [...new Set(part.map((m) => m.start))];
    const residents = [...new Set(part.map((m) => m.residentId))];
    const rows: { k: string; s: string; o: number; r: number }[] = await db.query(
      `SELECT period_kind AS k, DATE_FORMAT(period_start, '%Y-%m-%d') AS s, operator_id AS o, resident_id AS r
         FROM reporting_active_residents
        WHERE program_id = ? AND period_start IN (${placeholders(starts)})
          AND resident_id IN (${placeholders(residents)})`,
      [programId, ...starts, ...residents],
    );
    const known = new Set(
      rows.map((r) =>
        markKey({ kind: r.k as ActiveMark['kind'], start: r.s, operatorId: r.o, residentId: r.r }),
      ),
    );
    fresh.push(...part.filter((m) => !known.has(markKey(m))));
  }
  for (const part of chunks(fresh))
    await insertRows(
      db,
      'reporting_active_residents',
      ['program_id', 'period_kind', 'period_start', 'operator_id', 'resident_id'],
      part.map((m) => [programId, m.kind, m.start, m.operatorId, m.residentId]),
    );
  const counts = new Map<string, [string, string, number, number]>();
  for (const m of fresh) {
    const key = `${m.kind}|${m.start}|${m.operatorId}`;
    const c = counts.get(key);
    if (c) c[3] += 1;
    else counts.set(key, [m.kind, m.start, m.operatorId, 1]);
  }
  for (const part of chunks([...counts.values()]))
    await insertRows(
      db,
      'reporting_active_counts',
      ['program_id', 'period_kind', 'period_start', 'operator_id', 'resident_count'],
      part.map((c) => [programId, ...c]),
      'ON DUPLICATE KEY UPDATE resident_count = resident_count + VALUES(resident_count)',
    );
}

/** Empties a program's rollups (a rebuild's --replace). */
export async function clearRollups(db: SqlRunner, programId: number): Promise<void> {
  await db.query('DELETE FROM reporting_reductions WHERE program_id = ?', [programId]);
  await db.query('DELETE FROM reporting_active_residents WHERE program_id = ?', [programId]);
  await db.query('DELETE FROM reporting_active_counts WHERE program_id = ?', [programId]);
  await db.query('DELETE FROM reporting_point_flows WHERE program_id = ?', [programId]);
  await db.query('DELETE FROM reporting_cycle_positions WHERE program_id = ?', [programId]);
}

/** The rollups as stored, keyed and written as rollup-comparison.ts expects them. */
export async function storedRollups(
  db: SqlRunner,
  programId: number,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const day = (column: string) => `DATE_FORMAT(${column}, '%Y-%m-%d')`;
  const cells: Record<string, string | number>[] = await db.query(
    `SELECT period_kind, ${day('period_start')} AS s, behaviour, operator_id, district, reduction_mg, points, events
       FROM reporting_reductions WHERE program_id = ?`,
    [programId],
  );
  for (const c of cells)
    out.set(
      reductionKey(
        String(c.period_kind),
        String(c.s),
        String(c.behaviour),
        Number(c.operator_id),
        String(c.district),
      ),
      `${c.reduction_mg} mg, ${c.points} points, ${c.events} events`,
    );
  const counts: Record<string, string | number>[] = await db.query(
    `SELECT period_kind, ${day('period_start')} AS s, operator_id, resident_count
       FROM reporting_active_counts WHERE program_id = ?`,
    [programId],
  );
  for (const c of counts)
    out.set(
      `reporting_active_counts|${c.period_kind}|${c.s}|${c.operator_id}`,
      `${c.resident_count} residents`,
    );
  const flows: Record<string, string | number>[] = await db.query(
    `SELECT period_kind, ${day('period_start')} AS s, issuer_id, figure, points
       FROM reporting_point_flows WHERE program_id = ? AND points <> 0`,
    [programId],
  );
  for (const f of flows)
    out.set(
      flowKey(String(f.period_kind), String(f.s), Number(f.issuer_id), String(f.figure)),
      `${f.points} points`,
    );
  const cycles: Record<string, string | number>[] = await db.query(
    `SELECT cycle_seq, participant_id, obligation_points, receivable_fen, payable_fen, fee_fen, net_fen
       FROM reporting_cycle_positions WHERE program_id = ?`,
    [programId],
  );
  for (const c of cycles)
    out.set(
      cycleKey(Number(c.cycle_seq), Number(c.participant_id)),
      cycleFigures({
        obligationPoints: BigInt(c.obligation_points),
        receivableFen: BigInt(c.receivable_fen),
        payableFen: BigInt(c.payable_fen),
        feeFen: BigInt(c.fee_fen),
        netFen: BigInt(c.net_fen),
      }),
    );
  return out;
}
