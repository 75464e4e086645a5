import type { NewLeaf } from '../audit/services/audit-log-writer';
import type { ResidentEntries } from '../audit/services/resident-chains';
import { publicLot } from '../ledger/public-account';
import { transactionLeafPart } from '../ledger/transaction-leaf';
import type { WrittenTransaction } from '../ledger/services/ledger-writer';
import { labelOf } from '../methodology/calculation';
import { chinaDay } from '../time/china-time';

/** What the log says of one credited event, in public and behind the resident's commitment. */
export interface ReductionCredit {
  programCode: string;
  at: Date;
  residentId: number;
  /** The operator's code and its own id of the event. */
  event: { operator: string; id: string };
  reduction: {
    id: number;
    mg: number;
    calculatedMg: number;
    methodology: { code: string; version: number; contentHash: string | null };
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
  const lot = tx?.postings.find((p) => p.account.kind === 'resident')?.account;
  const status = points.amount === 0 ? 'none' : points.funded ? 'credited' : 'unfunded';
  return entries.entry(c.residentId, tx ? 'ledger_transaction' : 'reduction', tx ? tx.id : r.id, {
    body: {
      type: 'reduction_credit',
      program: c.programCode,
      day: chinaDay(c.at),
      transaction: tx ? transactionLeafPart(tx, points.issuer) : null,
    },
    secret: {
      event: c.event,
      behaviour: r.behaviour,
      district: r.district,
      date: chinaDay(r.startedAt),
      methodology: labelOf(r.methodology),
      methodologyHash: r.methodology.contentHash,
      reduction: { mg: String(r.mg), calculatedMg: String(r.calculatedMg) },
      points: { issuer: points.issuer, amount: String(points.amount), status },
      lot: lot ? publicLot(lot.expiresOn, points.issuer) : null,
    },
  });
}
