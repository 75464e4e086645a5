import { z } from 'zod';
import { AUDIT_LEAVES_PAGE } from './audit';
import { IntegerString } from './integer-string';

// What the bureau's viewing key opens (docs/private-log.md): every resident's keys wrapped under
// the program's viewing key, the private part of every resident entry, and the balance of every
// resident lot. Only to the program's bureau: with the viewing key these link every resident's
// entries. A resident appears here as `r_…`, the reference format-1 leaves named them by.

const Count = (what: string) =>
  z.coerce
    .number({ error: `must be a whole number (${what})` })
    .int('must be a whole number')
    .min(0, 'must be at least 0')
    .max(Number.MAX_SAFE_INTEGER, 'is too large');

const Base64 = z.string().describe('base64');

const ResidentRef = z
  .string()
  .describe(
    'r_…: the resident as format-1 leaves named them (an HMAC of their id under the program’s salt)',
  );

/** Residents (or resident lots) per page of the viewing routes. */
export const AUDIT_VIEWING_PAGE = 1000;

const Paging = {
  after: Count('the `next` of the previous page; default 0').default(0),
  limit: Count(`per page, 1..${AUDIT_VIEWING_PAGE}`)
    .min(1, 'must be at least 1')
    .max(AUDIT_VIEWING_PAGE, `must be at most ${AUDIT_VIEWING_PAGE}`)
    .default(AUDIT_VIEWING_PAGE),
};

export const AuditViewingResidentsQuery = z.strictObject(Paging);
export type AuditViewingResidentsQuery = z.infer<typeof AuditViewingResidentsQuery>;

export const AuditViewingResident = z.object({
  resident: ResidentRef,
  keys: z
    .array(
      z.object({
        fromSeq: z.number().int().describe('the key opens the resident’s entries from this one on'),
        keyId: z.string().describe('rk_…: the key’s own random id (part of its wrapping)'),
        wrappedKey: Base64.describe(
          '(key XOR HMAC(V, "tanlian/viewing-wrap/v1" ‖ 0 ‖ keyId)) ‖ 16-byte check',
        ),
      }),
    )
    .describe('oldest first; empty for a resident with format-1 leaves only'),
});
export type AuditViewingResident = z.infer<typeof AuditViewingResident>;

export const AuditViewingResidentsView = z.object({
  viewingKeyId: z.string().describe('vk_…: the viewing key the keys are wrapped under'),
  hash: z.enum(['sha256', 'sm3']).describe('the HMAC of the wrapping is over the log’s hash'),
  residents: z.array(AuditViewingResident),
  next: z.number().int().nullable().describe('pass as ?after= for the next page; null at the end'),
});
export type AuditViewingResidentsView = z.infer<typeof AuditViewingResidentsView>;

export const AuditViewingEntriesQuery = z.strictObject({
  start: Count('first leaf index'),
  end: Count(`index after the last leaf; at most start + ${AUDIT_LEAVES_PAGE}`),
});
export type AuditViewingEntriesQuery = z.infer<typeof AuditViewingEntriesQuery>;

export const AuditViewingEntriesView = z.object({
  entries: z
    .array(
      z.object({
        leafIndex: z.number().int(),
        private: z.string().describe('the private part the entry commits to, as committed'),
      }),
    )
    .describe('every resident entry among the leaves, by leaf index'),
});
export type AuditViewingEntriesView = z.infer<typeof AuditViewingEntriesView>;

export const AuditResidentBalancesQuery = z.strictObject({
  size: Count(
    'the tree size the balances are as of; default the latest checkpoint size',
  ).optional(),
  ...Paging,
});
export type AuditResidentBalancesQuery = z.infer<typeof AuditResidentBalancesQuery>;

export const AuditResidentLot = z.object({
  resident: ResidentRef,
  asset: z.string().describe('points:<issuer code>'),
  expiresOn: z.string(),
  balance: IntegerString.describe(
    'the balance the ledger keeps for the lot, less the postings of transactions after treeSize',
  ),
  posted: IntegerString.describe('the sum of the lot’s stored postings up to treeSize'),
});
export type AuditResidentLot = z.infer<typeof AuditResidentLot>;

export const AuditResidentBalancesView = z.object({
  treeSize: z.number().int().describe('balances as of the first treeSize leaves'),
  lots: z.array(AuditResidentLot).describe('by resident, asset and expiry'),
  next: z.number().int().nullable().describe('pass as ?after= for the next page; null at the end'),
});
export type AuditResidentBalancesView = z.infer<typeof AuditResidentBalancesView>;
