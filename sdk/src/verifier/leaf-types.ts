import { SIGNING_KEY_LEAF_TYPES } from '../audit/signing-key-chain';

// Every leaf type the service writes. The verifier refuses any other, so a leaf the auditor cannot
// interpret is never silently accepted; the service checks its writers against this list.
export const KNOWN_LEAF_TYPES = [
  'reduction_credit',
  'points_release',
  'points_expiry',
  'redemption_hold',
  'redemption_capture',
  'redemption_release',
  'redemption_refund',
  'top_up',
  'clearing_cancellation',
  'clearing_file',
  'methodology_published',
  'methodology_retired',
  'api_key_created',
  'api_key_revoked',
  'webhook_secret_created',
  'webhook_secret_revoked',
  'witness_key_added',
  'witness_key_revoked',
  ...SIGNING_KEY_LEAF_TYPES,
] as const;

export type LeafType = (typeof KNOWN_LEAF_TYPES)[number];

const KNOWN: ReadonlySet<string> = new Set(KNOWN_LEAF_TYPES);

export function isKnownLeafType(type: string): type is LeafType {
  return KNOWN.has(type);
}

/** First byte of every leaf: the leaf format version (2 since the private log, docs/private-log.md). */
export const LEAF_VERSIONS: readonly number[] = [0x01, 0x02];

/** Leaves of format 2 that are a resident's entry: a day instead of a time, and a tag. */
export const RESIDENT_ENTRY_TYPES: ReadonlySet<string> = new Set([
  'reduction_credit',
  'points_release',
  'points_expiry',
  'redemption_hold',
  'redemption_capture',
  'redemption_release',
  'redemption_refund',
]);
