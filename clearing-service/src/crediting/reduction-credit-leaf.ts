import type { NewLeaf } from '../audit/services/audit-log-writer';
import type { ResidentEntries } from '../audit/services/resident-chains';
import { creditSecret } from '../audit/entry-secrets';
import { residentTransactionPart } from '../ledger/transaction-leaf';
import { labelOf } from '../methodology/calculation';
import type { WrittenTransaction } from '../ledger/services/ledger-writer';

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
  points: { amount: number; issuer: string };
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
  const transaction = tx ? residentTransactionPart(tx, points.issuer) : null;
  return entries.entry(
    c.residentId,
    tx ? 'ledger_transaction' : 'reduction',
    tx ? tx.id : r.id,
    r.id,
    {
      body: { type: 'reduction_credit', program: c.programCode, day: c.day, transaction },
      secret: creditSecret(
        {
          operator: c.event.operator,
          eventId: c.event.id,
          behaviour: r.behaviour,
          district: r.district,
          startedAt: r.startedAt,
          methodology: labelOf(r.methodology),
          mg: r.mg,
          calculatedMg: r.calculatedMg,
          points: points.amount,
        },
        transaction !== null,
      ),
    },
  );
}
