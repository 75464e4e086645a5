import type { CanonicalValue } from '@tanlian/sdk';
import { eventReference } from '@tanlian/sdk';
import { encodeLeaf, residentRef } from '../audit/leaf-data';
import type { NewLeaf } from '../audit/services/audit-log-writer';
import { transactionLeafPart } from '../ledger/transaction-leaf';
import type { WrittenTransaction } from '../ledger/services/ledger-writer';
import { labelOf } from '../methodology/calculation';
import { chinaDay } from '../time/china-time';

/** What the public log says of one credited event. */
export interface ReductionCredit {
  programCode: string;
  at: Date;
  inboxEventId: number;
  residentSalt: Buffer;
  residentId: number;
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
 * The leaf of a credited event: the ledger transaction's leaf when points moved, else the
 * reduction's own. The one place its body is written (the crediting worker, bench:audit).
 */
export function reductionCreditLeaf(c: ReductionCredit): NewLeaf {
  const { reduction: r, points, transaction: tx } = c;
  const body: { [key: string]: CanonicalValue } = {
    type: 'reduction_credit',
    program: c.programCode,
    at: c.at.toISOString(),
    event: eventReference(c.inboxEventId),
    resident: residentRef(c.residentSalt, c.residentId),
    reduction: {
      id: String(r.id),
      mg: String(r.mg),
      calculatedMg: String(r.calculatedMg),
      methodology: labelOf(r.methodology),
      methodologyHash: r.methodology.contentHash,
      behaviour: r.behaviour,
      date: chinaDay(r.startedAt),
      district: r.district,
    },
    points: {
      amount: String(points.amount),
      issuer: points.issuer,
      status: points.amount === 0 ? 'none' : points.funded ? 'credited' : 'unfunded',
    },
    transaction: tx ? transactionLeafPart(tx, points.issuer, c.residentSalt) : null,
  };
  return tx
    ? { kind: 'ledger_transaction', refId: tx.id, data: encodeLeaf(body) }
    : { kind: 'reduction', refId: r.id, data: encodeLeaf(body) };
}
