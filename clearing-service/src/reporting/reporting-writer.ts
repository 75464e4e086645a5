import { insertRows, type SqlRunner } from '../database/sql';
import { chinaDay } from '../time/china-time';
import { cyclePositionRows } from './cycle-positions';
import {
  flowsPayload,
  reductionsPayload,
  type FactsPayload,
  type ReductionFact,
} from './rollup-facts';

// How other modules hand reporting their facts, inside their own transactions: one outbox row per
// batch (no row another batch writes, so no lock between concurrent batches), folded into the
// rollups later by the worker (services/rollup-folder.ts). Plain functions: no dependency to inject.

// REPORTING_ROLLUPS=off hands nothing over: only for measuring what the rollups cost
// (bench:dashboards runs bench:ingest both ways). Dashboards and ledger:check are then wrong.
const ROLLUPS_OFF = process.env.REPORTING_ROLLUPS === 'off';

async function enqueue(db: SqlRunner, programId: number, payload: FactsPayload): Promise<void> {
  if (ROLLUPS_OFF) return;
  if (payload.cells.length + payload.active.length + payload.flows.length === 0) return;
  await insertRows(
    db,
    'reporting_outbox',
    ['program_id', 'payload', 'created_at'],
    [[programId, JSON.stringify(payload), new Date()]],
  );
}

/** Crediting: a batch's credited reductions. */
export function recordReductions(
  db: SqlRunner,
  programId: number,
  facts: ReductionFact[],
): Promise<void> {
  return enqueue(db, programId, reductionsPayload(facts));
}

/** The ledger: transactions written at `at` (issuance, capture, refund, expiry, cancellation...). */
export function recordTransactions(
  db: SqlRunner,
  programId: number,
  at: Date,
  transactions: Parameters<typeof flowsPayload>[1],
): Promise<void> {
  return enqueue(db, programId, flowsPayload(chinaDay(at), transactions));
}

/** Clearing: an aggregated cycle's obligations and net positions (written once per cycle). */
export async function recordCyclePositions(
  db: SqlRunner,
  programId: number,
  cycleSeq: number,
  obligations: Parameters<typeof cyclePositionRows>[0],
  positions: Parameters<typeof cyclePositionRows>[1],
): Promise<void> {
  await insertRows(
    db,
    'reporting_cycle_positions',
    [
      'program_id',
      'cycle_seq',
      'participant_id',
      'obligation_points',
      'receivable_fen',
      'payable_fen',
      'fee_fen',
      'net_fen',
    ],
    cyclePositionRows(obligations, positions).map((r) => [
      programId,
      cycleSeq,
      r.participantId,
      String(r.obligationPoints),
      String(r.receivableFen),
      String(r.payableFen),
      String(r.feeFen),
      String(r.netFen),
    ]),
    `ON DUPLICATE KEY UPDATE obligation_points = VALUES(obligation_points),
       receivable_fen = VALUES(receivable_fen), payable_fen = VALUES(payable_fen),
       fee_fen = VALUES(fee_fen), net_fen = VALUES(net_fen)`,
  );
}
