import { countActive, foldPayloads, pointFigureOf, type FactsPayload } from './rollup-facts';
import { cyclePositionRows } from './cycle-positions';

// The rollups as they should be (made again from the ledger and the reductions by the same fold
// the outbox goes through) against the rows stored: every row that differs, named by its key.

export interface RollupDifference {
  table: string;
  key: string;
  expected: string | null;
  stored: string | null;
}

export interface Sources {
  reductionDays: FactsPayload['cells'];
  activeDays: FactsPayload['active'];
  postingDays: {
    day: string;
    transactionKind: string;
    issuerId: number;
    accountKind: string;
    amount: number;
  }[];
  cycles: {
    obligations: { seq: number; merchantId: number; issuerId: number; netPoints: bigint }[];
    positions: {
      seq: number;
      participantId: number;
      receivableFen: bigint;
      payableFen: bigint;
      feeFen: bigint;
      netFen: bigint;
    }[];
  };
}

/** What the rollup tables must hold, keyed as `storedKeys` keys them. */
export function expectedRollups(s: Sources): Map<string, string> {
  const flows: FactsPayload['flows'] = [];
  for (const p of s.postingDays) {
    const f = pointFigureOf(p.transactionKind, p.accountKind, p.amount);
    if (f && f.points !== 0) flows.push([p.day, p.issuerId, f.figure, f.points]);
  }
  const folded = foldPayloads([{ cells: s.reductionDays, active: s.activeDays, flows }]);
  const out = new Map<string, string>();
  for (const c of folded.cells)
    out.set(
      reductionKey(c.kind, c.start, c.behaviour, c.operatorId, c.district),
      `${c.mg} mg, ${c.points} points, ${c.events} events`,
    );
  for (const [key, n] of countActive(folded.active))
    out.set(`reporting_active_counts|${key}`, `${n} residents`);
  // A day's captures and refunds may cancel out: a zero figure is no row (stored ones are skipped too).
  for (const f of folded.flows)
    if (f.points !== 0)
      out.set(flowKey(f.kind, f.start, f.issuerId, f.figure), `${f.points} points`);
  const seqs = [...new Set(s.cycles.positions.map((p) => p.seq))];
  for (const seq of seqs)
    for (const r of cyclePositionRows(
      s.cycles.obligations.filter((o) => o.seq === seq),
      s.cycles.positions.filter((p) => p.seq === seq),
    ))
      out.set(cycleKey(seq, r.participantId), cycleFigures(r));
  return out;
}

export const reductionKey = (k: string, s: string, b: string, o: number, d: string) =>
  `reporting_reductions|${k}|${s}|${b}|${o}|${d}`;
export const flowKey = (k: string, s: string, i: number, f: string) =>
  `reporting_point_flows|${k}|${s}|${i}|${f}`;
export const cycleKey = (seq: number, participant: number) =>
  `reporting_cycle_positions|${seq}|${participant}`;
export const cycleFigures = (r: {
  obligationPoints: bigint;
  receivableFen: bigint;
  payableFen: bigint;
  feeFen: bigint;
  netFen: bigint;
}) =>
  `${r.obligationPoints} points, receivable ${r.receivableFen}, payable ${r.payableFen}, fee ${r.feeFen}, net ${r.netFen} fen`;

/** Every key whose figures differ, missing on either side included, in key order. */
export function compareRollups(
  expected: Map<string, string>,
  stored: Map<string, string>,
): RollupDifference[] {
  const keys = [...new Set([...expected.keys(), ...stored.keys()])].sort();
  const out: RollupDifference[] = [];
  for (const k of keys) {
    const e = expected.get(k) ?? null;
    const s = stored.get(k) ?? null;
    if (e === s) continue;
    const [table, ...rest] = k.split('|');
    out.push({ table, key: rest.join(' '), expected: e, stored: s });
  }
  return out;
}
