import { periodsOf, type PeriodKind } from './periods';

// What writers hand reporting (one payload per batch, already summed per China day) and how the
// folder, and the rebuild, turn it into rollup rows. One fold for both, so they cannot disagree.

/** One credited reduction, as crediting hands it over. */
export interface ReductionFact {
  day: string;
  behaviour: string;
  operatorId: number;
  /** GB/T 2260 code as the event carried it; '' when it named none. */
  district: string;
  mg: number;
  points: number;
  residentId: number;
}

export type PointFigure = 'issued' | 'redeemed' | 'expired' | 'cancelled';

/** The outbox row's payload: a batch's cells per day, its active residents, its point flows. */
export interface FactsPayload {
  /** [day, behaviour, operatorId, district, mg, points, events] */
  cells: [string, string, number, string, number, number, number][];
  /** [day, operatorId, residentId], distinct */
  active: [string, number, number][];
  /** [day, issuerId, figure, points] */
  flows: [string, number, PointFigure, number][];
}

export interface ReductionCell {
  kind: PeriodKind;
  start: string;
  behaviour: string;
  operatorId: number;
  district: string;
  mg: number;
  points: number;
  events: number;
}

/** A resident active in a period; operatorId 0 is "with any operator". */
export interface ActiveMark {
  kind: PeriodKind;
  start: string;
  operatorId: number;
  residentId: number;
}

export interface FlowCell {
  kind: PeriodKind;
  start: string;
  issuerId: number;
  figure: PointFigure;
  points: number;
}

export const emptyPayload = (): FactsPayload => ({ cells: [], active: [], flows: [] });

/** A batch's reductions summed per day × behaviour × operator × district, residents made distinct. */
export function reductionsPayload(facts: ReductionFact[]): FactsPayload {
  const cells = new Map<string, FactsPayload['cells'][number]>();
  const active = new Map<string, FactsPayload['active'][number]>();
  for (const f of facts) {
    const key = `${f.day}|${f.behaviour}|${f.operatorId}|${f.district}`;
    const cell = cells.get(key);
    if (cell) {
      cell[4] += f.mg;
      cell[5] += f.points;
      cell[6] += 1;
    } else cells.set(key, [f.day, f.behaviour, f.operatorId, f.district, f.mg, f.points, 1]);
    active.set(`${f.day}|${f.operatorId}|${f.residentId}`, [f.day, f.operatorId, f.residentId]);
  }
  return { cells: [...cells.values()], active: [...active.values()], flows: [] };
}

/**
 * What one posting of a ledger transaction adds to an issuer's figures, or null: points issued
 * land on residents' lots, redeemed ones on a merchant's clearing account (a refund takes them
 * back), expired and cancelled ones on the issuer's own accounts of those names.
 */
export function pointFigureOf(
  transactionKind: string,
  accountKind: string,
  amount: number,
): { figure: PointFigure; points: number } | null {
  if (transactionKind === 'issuance' && accountKind === 'resident' && amount > 0)
    return { figure: 'issued', points: amount };
  if (accountKind === 'merchant_clearing' && transactionKind === 'capture')
    return { figure: 'redeemed', points: amount };
  if (accountKind === 'merchant_clearing' && transactionKind === 'refund')
    return { figure: 'redeemed', points: amount };
  if (accountKind === 'issuer_expired') return { figure: 'expired', points: amount };
  if (accountKind === 'issuer_cancelled') return { figure: 'cancelled', points: amount };
  return null;
}

/** The postings of ledger transactions as point flows per day and issuer. */
export function flowsPayload(
  day: string,
  transactions: {
    kind: string;
    postings: { account: { issuerId: number; kind: string }; amount: number }[];
  }[],
): FactsPayload {
  const flows = new Map<string, FactsPayload['flows'][number]>();
  for (const t of transactions)
    for (const p of t.postings) {
      const figure = pointFigureOf(t.kind, p.account.kind, p.amount);
      if (!figure || figure.points === 0) continue;
      const key = `${p.account.issuerId}|${figure.figure}`;
      const flow = flows.get(key);
      if (flow) flow[3] += figure.points;
      else flows.set(key, [day, p.account.issuerId, figure.figure, figure.points]);
    }
  return { cells: [], active: [], flows: [...flows.values()] };
}

/** Payloads folded into rollup rows of every period kind: sums per cell, distinct marks. */
export function foldPayloads(payloads: FactsPayload[]): {
  cells: ReductionCell[];
  active: ActiveMark[];
  flows: FlowCell[];
} {
  const cells = new Map<string, ReductionCell>();
  const active = new Map<string, ActiveMark>();
  const flows = new Map<string, FlowCell>();
  for (const payload of payloads) {
    for (const [day, behaviour, operatorId, district, mg, points, events] of payload.cells)
      for (const { kind, start } of periodsOf(day)) {
        const key = `${kind}|${start}|${behaviour}|${operatorId}|${district}`;
        const cell = cells.get(key);
        if (cell) {
          cell.mg += mg;
          cell.points += points;
          cell.events += events;
        } else cells.set(key, { kind, start, behaviour, operatorId, district, mg, points, events });
      }
    for (const [day, operatorId, residentId] of payload.active)
      for (const { kind, start } of periodsOf(day))
        for (const scope of [0, operatorId])
          active.set(`${kind}|${start}|${scope}|${residentId}`, {
            kind,
            start,
            operatorId: scope,
            residentId,
          });
    for (const [day, issuerId, figure, points] of payload.flows)
      for (const { kind, start } of periodsOf(day)) {
        const key = `${kind}|${start}|${issuerId}|${figure}`;
        const flow = flows.get(key);
        if (flow) flow.points += points;
        else flows.set(key, { kind, start, issuerId, figure, points });
      }
  }
  return { cells: [...cells.values()], active: [...active.values()], flows: [...flows.values()] };
}

/** Distinct marks counted per period and scope: what reporting_active_counts must hold. */
export function countActive(marks: ActiveMark[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of marks) {
    const key = `${m.kind}|${m.start}|${m.operatorId}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}
