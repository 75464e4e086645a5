import { z } from 'zod';
import { IntegerString } from './integer-string';

// The public audit-log API: signed checkpoints, the log's keys, leaves and Merkle proofs. Hashes
// and leaf data are base64; sizes and indexes are whole numbers (a log stays below 2^53 leaves).

const Count = (what: string) =>
  z.coerce
    .number({ error: `must be a whole number (${what})` })
    .int('must be a whole number')
    .min(0, 'must be at least 0')
    .max(Number.MAX_SAFE_INTEGER, 'is too large');

/** Every leaf is in a signed checkpoint within this many seconds, under normal load. */
export const AUDIT_SEALING_PROMISE_S = 10;

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
  state: z
    .enum(['registered', 'active', 'retired'])
    .describe('registered: announced, signs nothing yet; active: may sign; retired: signs no more'),
  genesis: z
    .boolean()
    .describe(
      'the log’s first key, trusted from its start; every later key is announced in the log',
    ),
  activatedAt: z
    .number()
    .int()
    .nullable()
    .describe(
      'index of the leaf that activated it; it may sign once a checkpoint by a key trusted before covers that leaf',
    ),
  retiredAt: z
    .number()
    .int()
    .nullable()
    .describe('index of the leaf that retired it; it signs only checkpoints of at most this size'),
});
export type AuditKeyView = z.infer<typeof AuditKeyView>;

/** A witness (the bureau) key registered with the log; its cosignatures are appended to checkpoints. */
export const AuditWitnessView = z.object({
  name: z.string(),
  keyId: z.string().describe('8 hex digits (C2SP tlog-cosignature key ID, type 0x04)'),
  vkey: z.string().describe('<name>+<key id>+<base64(0x04 ‖ public key)>'),
  addedAt: z.string().describe('ISO 8601'),
  revokedAt: z
    .string()
    .nullable()
    .describe('ISO 8601; cosignatures made before stay, later ones are refused'),
});
export type AuditWitnessView = z.infer<typeof AuditWitnessView>;

export const AuditKeysView = z.object({
  origin: z.string().describe('the first line of this log’s checkpoints'),
  hash: z.enum(['sha256', 'sm3']),
  tiles: z
    .enum(['tlog-tiles', 'tanlian-sm3'])
    .describe(
      'how `tile/…` is to be read: C2SP tlog-tiles (SHA-256), or tanlian-sm3: the same layout and RFC 9162 leaf/node prefixes with SM3',
    ),
  signer: z
    .string()
    .nullable()
    .describe('name of the key that signed the latest checkpoint; null before the first'),
  sealing: z
    .object({
      status: z
        .enum(['sealed', 'sealing', 'unsigned'])
        .describe(
          `sealed: every leaf is in a signed checkpoint; sealing: the oldest unsealed leaf is younger than ${AUDIT_SEALING_PROMISE_S} s; unsigned: older (no worker holds an active key of this log, or none runs)`,
        ),
      unsealedAgeSeconds: z.number().describe('age of the oldest leaf not yet in a checkpoint'),
    })
    .describe('whether the log is being signed'),
  keys: z
    .array(AuditKeyView)
    .describe(
      'every signing key of the log, retired ones included (old checkpoints stay verifiable)',
    ),
  witnesses: z
    .array(AuditWitnessView)
    .describe('witness keys whose cosignatures the log accepts (revoked ones included), by name'),
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

// ---- Checkpoint history (the verifier checks every consistency step between them) ----

/** Checkpoints per page of `checkpoints`. */
export const AUDIT_CHECKPOINTS_PAGE = 1000;

export const AuditCheckpointsQuery = z.strictObject({
  after: Count('list checkpoints with a larger tree size than this; default 0').default(0),
  limit: Count(`checkpoints per page, 1..${AUDIT_CHECKPOINTS_PAGE}`)
    .min(1, 'must be at least 1')
    .max(AUDIT_CHECKPOINTS_PAGE, `must be at most ${AUDIT_CHECKPOINTS_PAGE}`)
    .default(100),
});
export type AuditCheckpointsQuery = z.infer<typeof AuditCheckpointsQuery>;

export const AuditCheckpointView = z.object({
  treeSize: z.number().int(),
  rootHash: Base64,
  signedAt: z.string().describe('ISO 8601'),
  note: z.string().describe('the signed note: the log’s signature, then any witness cosignatures'),
  cosigners: z.array(z.string()).describe('names of the witnesses that cosigned it'),
});
export type AuditCheckpointView = z.infer<typeof AuditCheckpointView>;

export const AuditCheckpointsView = z.object({
  checkpoints: z.array(AuditCheckpointView).describe('oldest first'),
  next: z.number().int().nullable().describe('pass as ?after= for the next page; null at the end'),
});
export type AuditCheckpointsView = z.infer<typeof AuditCheckpointsView>;

// ---- Balances the verifier compares its replay of the leaves with ----

/** Accounts per page of `balances`. */
export const AUDIT_BALANCES_PAGE = 1000;

export const AuditBalancesQuery = z.strictObject({
  size: Count(
    'the tree size the balances are as of; default the latest checkpoint size',
  ).optional(),
  after: Count('the `next` of the previous page (accounts before it); default 0').default(0),
  limit: Count(`accounts per page, 1..${AUDIT_BALANCES_PAGE}`)
    .min(1, 'must be at least 1')
    .max(AUDIT_BALANCES_PAGE, `must be at most ${AUDIT_BALANCES_PAGE}`)
    .default(AUDIT_BALANCES_PAGE),
});
export type AuditBalancesQuery = z.infer<typeof AuditBalancesQuery>;

/**
 * An account as the public log names it (leaf format 2): organisations' accounts one by one, and
 * residents' lots pooled per asset and expiry (`kind` resident, no owner).
 */
export const AuditAccountBalance = z.object({
  kind: z.enum([
    'issuer_mint',
    'issuer_block',
    'resident',
    'merchant',
    'issuer_expired',
    'resident_held',
    'merchant_clearing',
    'issuer_cancelled',
  ]),
  asset: z.string().describe('points:<issuer code>'),
  owner: z.string().nullable().describe('a merchant’s code; null for issuers’ accounts and pools'),
  expiresOn: z.string().nullable().describe('a pool’s expiry date; null for organisations'),
  balance: IntegerString.describe(
    'the balance the ledger keeps for the account, less the postings of transactions after treeSize',
  ),
  posted: IntegerString.describe('the sum of the account’s stored postings up to treeSize'),
});
export type AuditAccountBalance = z.infer<typeof AuditAccountBalance>;

export const AuditBalancesView = z.object({
  treeSize: z.number().int().describe('balances as of the first treeSize leaves'),
  accounts: z
    .array(AuditAccountBalance)
    .describe('by kind, asset, owner and expiry; residents’ lots pooled'),
  next: z.number().int().nullable().describe('pass as ?after= for the next page; null at the end'),
});
export type AuditBalancesView = z.infer<typeof AuditBalancesView>;

// ---- Witness (the bureau cosigns checkpoints it has checked) ----

export const AuditWitnessKeyInput = z.strictObject({
  vkey: z
    .string()
    .min(1, 'is required')
    .max(512, 'is too long')
    .describe('the witness’s cosignature verifier key <name>+<key id>+<base64(0x04 ‖ public key)>'),
});
export type AuditWitnessKeyInput = z.infer<typeof AuditWitnessKeyInput>;

export const AuditCosignatureInput = z.strictObject({
  size: Count('the tree size of the checkpoint that was cosigned'),
  signature: z
    .string()
    .min(1, 'is required')
    .max(512, 'is too long')
    .describe('the cosignature line as in a signed note: "— <name> <base64>"'),
});
export type AuditCosignatureInput = z.infer<typeof AuditCosignatureInput>;

// ---- Receipts ----

/**
 * A record's receipt on the resident's account page: where its leaf is in the log's tiles. The
 * page carries the signed checkpoint once; the phone computes the proof from `tile/…`
 * (`verifyPageReceipt`) and may read the leaf data from `tile/entries/<leafIndex / 256>`.
 */
export const AccountReceiptView = z.object({
  leafIndex: z
    .number()
    .int()
    .describe(
      'the leaf’s index: its hash is in level-0 tile leafIndex / 256, its data in entry bundle leafIndex / 256',
    ),
  leafHash: Base64.describe('RFC 9162 leaf hash H(0x00 ‖ leaf data), as the level-0 tile holds it'),
});
export type AccountReceiptView = z.infer<typeof AccountReceiptView>;

/** A leaf with its inclusion proof and the checkpoint it is against (key announcements). */
export const AuditReceiptView = z.object({
  leafIndex: z.number().int(),
  leafData: Base64.describe('the leaf data (version byte ‖ canonical JSON)'),
  inclusionProof: z.array(Base64).describe('RFC 9162 inclusion path, leaf upwards'),
  checkpoint: z.string().describe('the signed checkpoint note the proof is against'),
});
export type AuditReceiptView = z.infer<typeof AuditReceiptView>;

// ---- A resident's own entries (leaf format 2), for their complete self-check ----

export const RESIDENT_ENTRIES_PAGE = 1000;

export const ResidentEntriesQuery = z.strictObject({
  after: Count(
    'entries from this sequence number on (the `next` of the previous page); default 0',
  ).default(0),
  limit: Count(`entries per page, 1..${RESIDENT_ENTRIES_PAGE}`)
    .min(1, 'must be at least 1')
    .max(RESIDENT_ENTRIES_PAGE, `must be at most ${RESIDENT_ENTRIES_PAGE}`)
    .default(RESIDENT_ENTRIES_PAGE),
});
export type ResidentEntriesQuery = z.infer<typeof ResidentEntriesQuery>;

/**
 * What `verifyAccount` needs: the resident's keys (each from a sequence number on), their entries
 * in the latest checkpoint with inclusion proofs against it, and the checkpoint. Only to the
 * resident's own session: the keys open their tags.
 */
export const ResidentEntriesView = z.object({
  hash: z.enum(['sha256', 'sm3']),
  checkpoint: z.string().describe('the signed checkpoint note every proof is against'),
  treeSize: z.number().int(),
  keys: z.array(z.object({ fromSeq: z.number().int(), key: Base64 })),
  entries: z.array(
    z.object({
      leafIndex: z.number().int(),
      seq: z.number().int(),
      leafData: Base64.describe('the leaf data (0x02 ‖ canonical JSON)'),
      private: z.string().describe('the private part the entry commits to, as committed'),
      inclusionProof: z.array(Base64),
    }),
  ),
  unsealed: z.number().int().describe('entries written but not yet in a signed checkpoint'),
  next: z.number().int().nullable().describe('pass as ?after= for the next page; null at the end'),
});
export type ResidentEntriesView = z.infer<typeof ResidentEntriesView>;

/**
 * The log's key announcements (activations and retirements), oldest first, each proven in the
 * first checkpoint that covers it: what an app pinned to the log's first key needs to trust the
 * keys that signed after a rotation (`verifyReceipt({ keyAnnouncements })`).
 */
export const AuditKeyAnnouncementsView = z.object({
  announcements: z.array(AuditReceiptView),
});
export type AuditKeyAnnouncementsView = z.infer<typeof AuditKeyAnnouncementsView>;

// ---- Self-check (fsck): the verifier's checks run by the service on itself ----

export const AuditDiscrepancyView = z.object({
  check: z
    .string()
    .describe('which check failed, e.g. root, signature, consistency, leaf, balance'),
  message: z.string(),
  leafIndex: z.number().int().nullable(),
  account: z.string().nullable(),
});
export type AuditDiscrepancyView = z.infer<typeof AuditDiscrepancyView>;

export const AuditFsckView = z.object({
  status: z.enum(['pass', 'fail', 'not_run']),
  checkedAt: z.string().nullable(),
  treeSize: z.number().int().describe('leaves covered by the check'),
  accountsChecked: z.number().int(),
  durationMs: z.number().int(),
  discrepancy: AuditDiscrepancyView.nullable().describe('the first one found'),
});
export type AuditFsckView = z.infer<typeof AuditFsckView>;
