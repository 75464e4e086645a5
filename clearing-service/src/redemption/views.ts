import type { RedemptionCodeView, RedemptionView, ResidentRedemptionView } from '@tanlian/sdk';
import type { RedemptionCodeRow } from './services/redemption-codes-store';
import type { AllocationRow, RedemptionRow } from './services/redemptions-store';

// Rows → the public contract of @tanlian/sdk. Numeric ids never leave the service.

export function redemptionCodeView(
  row: RedemptionCodeRow,
  merchantCode: string | null,
): RedemptionCodeView {
  return {
    id: row.publicId,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    usedAt: row.usedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    merchant: merchantCode,
    maxPoints: row.maxPoints,
  };
}

/** What a view of a redemption is built from: its row, its lots, and the codes they name. */
export interface RedemptionParts {
  row: RedemptionRow;
  allocations: AllocationRow[];
  merchantCode: string;
  issuerCodes: ReadonlyMap<number, string>;
  offer: { code: string; title: string } | null;
}

/** The merchant's view: status, amounts, the offer bought (if any) and which lots paid, oldest first. */
export function redemptionView(p: RedemptionParts): RedemptionView {
  const { row: r } = p;
  return {
    id: r.publicId,
    status: r.status,
    merchant: p.merchantCode,
    merchantOrderId: r.merchantOrderId,
    offer: p.offer,
    heldPoints: r.heldPoints,
    capturedPoints: r.capturedPoints,
    refundedPoints: r.refundedPoints,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
    allocations: p.allocations.map((a) => ({
      issuer: p.issuerCodes.get(a.issuerId) ?? String(a.issuerId),
      expiresOn: a.expiresOn,
      heldPoints: a.heldPoints,
      capturedPoints: a.capturedPoints,
      refundedPoints: a.refundedPoints,
    })),
  };
}

/** The resident's view: the same, without the merchant's own order id. */
export function residentRedemptionView(p: RedemptionParts): ResidentRedemptionView {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { merchantOrderId, ...view } = redemptionView(p);
  return view;
}
