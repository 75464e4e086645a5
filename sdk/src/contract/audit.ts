import { z } from 'zod';

// The public audit-log API: signed checkpoints, the log's keys, leaves and Merkle proofs. Hashes
// and leaf data are base64; sizes and indexes are whole numbers (a log stays below 2^53 leaves).

const Count = (what: string) =>
  z.coerce
    .number({ error: `must be a whole number (${what})` })
    .int('must be a whole number')
    .min(0, 'must be at least 0')
    .max(Number.MAX_SAFE_INTEGER, 'is too large');

/** Leaves per page of `leaves?start=&end=`. */
export const AUDIT_LEAVES_PAGE = 1000;

export const AuditInclusionQuery = z.strictObject({
  index: Count('the leaf index'),
  size: Count('the tree size, at most the latest checkpoint size'),
});
export type AuditInclusionQuery = z.infer<typeof AuditInclusionQuery>;

export const AuditConsistencyQuery = z.strictObject({
  from: Count('the older tree size, at least 1'),
  to: Count('the newer tree size, at most the latest checkpoint size'),
});
export type AuditConsistencyQuery = z.infer<typeof AuditConsistencyQuery>;

export const AuditLeavesQuery = z.strictObject({
  start: Count('first leaf index'),
  end: Count(`index after the last leaf; at most start + ${AUDIT_LEAVES_PAGE}`),
});
export type AuditLeavesQuery = z.infer<typeof AuditLeavesQuery>;

export const AuditProofSizeQuery = z.strictObject({
  size: Count('the tree size; default the latest checkpoint size').optional(),
});
export type AuditProofSizeQuery = z.infer<typeof AuditProofSizeQuery>;

const Base64 = z.string().describe('base64');

export const AuditKeyView = z.object({
  name: z.string(),
  keyId: z.string().describe('8 hex digits (C2SP signed-note key ID)'),
  vkey: z.string().describe('verifier key <name>+<key id>+<base64(0x01 ‖ public key)>'),
});
export type AuditKeyView = z.infer<typeof AuditKeyView>;

export const AuditKeysView = z.object({
  origin: z.string().describe('the first line of this log’s checkpoints'),
  hash: z.enum(['sha256', 'sm3']),
  signer: z.string().describe('name of the key that signs new checkpoints'),
  keys: z.array(AuditKeyView).describe('every key whose signature is valid, rotation included'),
});
export type AuditKeysView = z.infer<typeof AuditKeysView>;

export const AuditInclusionProofView = z.object({
  leafIndex: z.number().int(),
  treeSize: z.number().int(),
  leafData: Base64.describe('the leaf data (version byte ‖ canonical JSON)'),
  leafHash: Base64,
  proof: z.array(Base64).describe('RFC 9162 inclusion path, leaf upwards'),
});
export type AuditInclusionProofView = z.infer<typeof AuditInclusionProofView>;

export const AuditConsistencyProofView = z.object({
  from: z.number().int(),
  to: z.number().int(),
  proof: z.array(Base64).describe('RFC 9162 consistency proof'),
});
export type AuditConsistencyProofView = z.infer<typeof AuditConsistencyProofView>;

export const AuditLeavesView = z.object({
  start: z.number().int(),
  end: z.number().int(),
  leaves: z.array(
    z.object({ index: z.number().int(), kind: z.string(), data: Base64.describe('leaf data') }),
  ),
});
export type AuditLeavesView = z.infer<typeof AuditLeavesView>;
