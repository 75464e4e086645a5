import { z } from 'zod';

// Public identifiers are lowercase slugs so they read well in URLs and logs.
export const ProgramCode = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]{1,31}$/,
    'must be 2-32 characters: lowercase letters, digits and -, starting with a letter',
  );
export const ParticipantCode = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]{1,63}$/,
    'must be 2-64 characters: lowercase letters, digits and -, starting with a letter',
  );
const DisplayName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(128, 'must be at most 128 characters');
const Timestamp = z.string().describe('ISO 8601 time');

export const AuditHash = z.enum(['sha256', 'sm3']);
export const SettlementCycle = z.enum(['daily', 'weekly', 'monthly']);
export const ParticipantRole = z.enum(['operator', 'merchant']);
export const FundingMode = z.enum(['prepaid', 'postpaid']);
export const PrincipalRole = z.enum(['admin', 'bureau', 'operator', 'merchant', 'resident']);
export type PrincipalRole = z.infer<typeof PrincipalRole>;

export const ProgramCreate = z.strictObject({
  code: ProgramCode,
  name: DisplayName,
  gramsPerPoint: z
    .number()
    .int('must be a whole number of grams')
    .min(1, 'must be at least 1')
    .max(1_000_000, 'must be at most 1000000'),
  fenPerPoint: z
    .number()
    .int('must be a whole number of fen')
    .min(0, 'must not be negative')
    .max(1_000_000, 'must be at most 1000000'),
  auditHash: AuditHash.default('sha256'),
  settlementCycle: SettlementCycle.default('daily'),
});
export type ProgramCreate = z.infer<typeof ProgramCreate>;

export const ProgramView = z.object({
  code: z.string(),
  name: z.string(),
  gramsPerPoint: z.number().int(),
  fenPerPoint: z.number().int(),
  auditHash: AuditHash,
  settlementCycle: SettlementCycle,
  createdAt: Timestamp,
});
export type ProgramView = z.infer<typeof ProgramView>;

export const ParticipantCreate = z
  .strictObject({
    code: ParticipantCode,
    name: DisplayName,
    roles: z.array(ParticipantRole).min(1, 'must name at least one role').max(2),
    fundingMode: FundingMode.optional().describe(
      'Required for an operator: how it funds the points it issues',
    ),
  })
  .superRefine((p, ctx) => {
    if (p.roles.includes('operator') && !p.fundingMode) {
      ctx.addIssue({
        code: 'custom',
        path: ['fundingMode'],
        message: 'is required for an operator (prepaid or postpaid)',
      });
    }
    if (!p.roles.includes('operator') && p.fundingMode) {
      ctx.addIssue({ code: 'custom', path: ['fundingMode'], message: 'applies to operators only' });
    }
    if (new Set(p.roles).size !== p.roles.length) {
      ctx.addIssue({ code: 'custom', path: ['roles'], message: 'must not repeat a role' });
    }
  });
export type ParticipantCreate = z.infer<typeof ParticipantCreate>;

export const ParticipantView = z.object({
  code: z.string(),
  name: z.string(),
  roles: z.array(ParticipantRole),
  fundingMode: FundingMode.nullable(),
  createdAt: Timestamp,
});
export type ParticipantView = z.infer<typeof ParticipantView>;

export const ApiKeyCreate = z.strictObject({
  label: DisplayName.describe('What the key is for, e.g. "production gateway 2026-11"'),
});
export type ApiKeyCreate = z.infer<typeof ApiKeyCreate>;

export const ApiKeyView = z.object({
  id: z.string(),
  label: z.string(),
  createdAt: Timestamp,
  revokedAt: Timestamp.nullable(),
  lastUsedAt: Timestamp.nullable().describe('Updated at most once a minute'),
});
export type ApiKeyView = z.infer<typeof ApiKeyView>;

export const ApiKeyCreated = ApiKeyView.extend({
  token: z.string().describe('Shown only once: send it as `Authorization: Bearer <token>`'),
});
export type ApiKeyCreated = z.infer<typeof ApiKeyCreated>;

export const StaffCreate = z.strictObject({
  name: DisplayName.describe('Who the staff member is, e.g. "王芳 (生态环境局)"'),
  label: DisplayName.describe('What their first API key is for, e.g. "console"'),
});
export type StaffCreate = z.infer<typeof StaffCreate>;

export const StaffView = z.object({
  name: z.string(),
  role: z.enum(['bureau']).describe("A bureau user acts for the program's environment bureau"),
  createdAt: Timestamp,
  keys: z.array(ApiKeyView).describe('Their API keys, oldest first (never the secrets)'),
});
export type StaffView = z.infer<typeof StaffView>;

export const StaffCreated = StaffView.extend({
  token: z.string().describe('Their first key, shown only once: `Authorization: Bearer <token>`'),
});
export type StaffCreated = z.infer<typeof StaffCreated>;

export const WebhookScheme = z.enum(['v1', 'v1a']);
export const WebhookSecretCreate = z
  .strictObject({
    scheme: WebhookScheme.default('v1').describe(
      'v1 = HMAC-SHA256 (Tanlian generates the secret); v1a = Ed25519',
    ),
    publicKey: z
      .string()
      .regex(/^whpk_[A-Za-z0-9+/]{43}=$/, 'must be a whpk_ Ed25519 public key (32 bytes, base64)')
      .optional()
      .describe(
        'v1a only: register your own public key instead of having Tanlian generate a key pair',
      ),
  })
  .superRefine((s, ctx) => {
    if (s.publicKey && s.scheme !== 'v1a') {
      ctx.addIssue({ code: 'custom', path: ['publicKey'], message: 'applies to scheme v1a only' });
    }
  });
export type WebhookSecretCreate = z.infer<typeof WebhookSecretCreate>;

export const WebhookSecretView = z.object({
  id: z.string(),
  scheme: WebhookScheme,
  publicKey: z.string().nullable().describe('v1a only'),
  createdAt: Timestamp,
  revokedAt: Timestamp.nullable(),
});
export type WebhookSecretView = z.infer<typeof WebhookSecretView>;

export const WebhookSecretCreated = WebhookSecretView.extend({
  secret: z
    .string()
    .nullable()
    .describe(
      'Shown only once: whsec_ (v1) or whsk_ (v1a, when Tanlian generated the pair); null when you registered your own public key',
    ),
});
export type WebhookSecretCreated = z.infer<typeof WebhookSecretCreated>;

export const PrincipalKind = z.enum(['admin', 'bureau', 'participant', 'resident']);
export type PrincipalKind = z.infer<typeof PrincipalKind>;

export const PrincipalView = z.object({
  kind: PrincipalKind,
  keyId: z.string().describe('The API key id, or the session id of a resident'),
  program: z.string().nullable().describe('Program code; null for a platform admin'),
  participant: z.string().nullable().describe('Participant code, for operators and merchants'),
  roles: z
    .array(PrincipalRole)
    .describe('Every role this principal holds (a participant may be operator and merchant)'),
});
export type PrincipalView = z.infer<typeof PrincipalView>;
