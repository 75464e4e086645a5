import type { NewLeaf } from '../audit/services/audit-log-writer';
import type { ResidentEntries } from '../audit/services/resident-chains';
import { residentLots, transactionLeafPart } from '../ledger/transaction-leaf';
import type { WrittenTransaction } from '../ledger/services/ledger-writer';
import { labelOf } from '../methodology/calculation';
import { chinaDay } from '../time/china-time';

/** What the log says of one credited event, in public and behind the resident's commitment. */
export interface ReductionCredit {
  programCode: string;
  /** The China day of the write (chinaDay of the batch's time, computed once per batch). */
  day: string;
  residentId: number;
  /** The operator's code and its own id of the event. */
  event: { operator: string; id: string };
  reduction: {
    id: number;
    mg: number;
    calculatedMg: number;
    methodology: { code: string; version: number };
    behaviour: string;
    startedAt: Date;
    district: string | null;
  };
  points: { amount: number; issuer: string; funded: boolean };
  /** Its points transaction, when points moved. */
  transaction: WrittenTransaction | null;
}

/**
 * The resident entry of a credited event (leaf format 2, docs/private-log.md): in public the day,
 * the tag and commitment, and the points transaction when points moved; the rest committed. The
 * leaf is the ledger transaction's when points moved, else the reduction's own. The one place its
 * body is written (the crediting worker, bench:audit).
 */
export function reductionCreditLeaf(entries: ResidentEntries, c: ReductionCredit): NewLeaf {
  const { reduction: r, points, transaction: tx } = c;
  const status = points.amount === 0 ? 'none' : points.funded ? 'credited' : 'unfunded';
  return entries.entry(c.residentId, tx ? 'ledger_transaction' : 'reduction', tx ? tx.id : r.id, {
    body: {
      type: 'reduction_credit',
      program: c.programCode,
      day: c.day,
      transaction: tx ? transactionLeafPart(tx, points.issuer) : null,
    },
    secret: {
      event: c.event,
      behaviour: r.behaviour,
      district: r.district,
      date: chinaDay(r.startedAt),
      // The label names one published methodology, whose leaf carries its content hash.
      methodology: labelOf(r.methodology),
      reduction: { mg: String(r.mg), calculatedMg: String(r.calculatedMg) },
      points: { amount: String(points.amount), status },
      lots: tx ? residentLots(tx, points.issuer) : [],
    },
  });
}
