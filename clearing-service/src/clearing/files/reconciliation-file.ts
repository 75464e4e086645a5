import { createHash } from 'node:crypto';
import type { ClearingEntryRow } from '../services/clearing-entries-store';
import { csvLine } from './csv';
import { codeOf, type CycleFacts } from './cycle-facts';

/**
 * A merchant's reconciliation file for a cycle (src/clearing/README.md): a header, one detail line
 * per capture or refund and lot, a summary per issuer with the fen computed once per pair, and an
 * END trailer with the counts, the sums and the SHA-256 of everything before it. It names no
 * resident: the redemption id and the merchant's own order id are what a merchant reconciles by.
 */
export function reconciliationFile(
  facts: CycleFacts,
  merchantId: number,
  entries: readonly ClearingEntryRow[],
): string {
  const merchant = codeOf(facts, merchantId);
  let body =
    csvLine(['tanlian-reconciliation', 1]) +
    csvLine(['program', 'cycle', 'merchant', 'trade_date', 'value_date', 'fen_per_point']) +
    csvLine([
      facts.program,
      facts.seq,
      merchant,
      facts.tradeDate,
      facts.valueDate,
      facts.fenPerPoint,
    ]) +
    csvLine([
      'type',
      'redemption_id',
      'merchant_order_id',
      'refund_id',
      'issuer',
      'lot_expires_on',
      'points',
      'held_at',
      'event_at',
      'ledger_transaction',
    ]);
  let points = BigInt(0);
  for (const e of entries) {
    points += BigInt(e.points);
    body += csvLine([
      e.type === 'capture' ? 'CAPTURE' : 'REFUND',
      e.redemptionPublicId,
      e.merchantOrderId,
      e.refundId,
      codeOf(facts, e.issuerId),
      e.lotExpiresOn,
      e.points,
      e.heldAt.toISOString(),
      e.createdAt.toISOString(),
      e.ledgerTransactionId,
    ]);
  }
  body += csvLine([
    'summary',
    'issuer',
    'captures',
    'captured_points',
    'refunds',
    'refunded_points',
    'net_points',
    'gross_fen',
    'fee_fen',
    'net_fen',
  ]);
  let netFen = BigInt(0);
  for (const o of facts.obligations) {
    if (o.merchantId !== merchantId) continue;
    netFen += o.grossFen - o.feeFen;
    body += csvLine([
      'SUMMARY',
      codeOf(facts, o.issuerId),
      o.captures,
      o.capturedPoints,
      o.refunds,
      o.refundedPoints,
      o.netPoints,
      o.grossFen,
      o.feeFen,
      o.grossFen - o.feeFen,
    ]);
  }
  const hash = createHash('sha256').update(body).digest('hex');
  return body + csvLine(['END', entries.length, points, netFen, hash]);
}
