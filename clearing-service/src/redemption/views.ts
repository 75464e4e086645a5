import type { RedemptionCodeView } from '@tanlian/sdk';
import type { RedemptionCodeRow } from './services/redemption-codes-store';

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
