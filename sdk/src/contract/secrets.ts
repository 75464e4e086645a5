import { z } from 'zod';

// Secrets at rest (webhook and callback secrets, per-log salts, the development signing key),
// sealed under TANLIAN_SECRETS_KEY, a keyring: what the admin checks while rotating it.

export const SealedKindView = z.object({
  kind: z.string().describe('e.g. webhook_secret, callback_secret, resident_salt'),
  current: z.number().int().describe('sealed under the key that seals now'),
  older: z
    .number()
    .int()
    .describe('sealed under an older configured key: `secrets:reseal` moves them'),
  unreadable: z.number().int().describe('no configured key opens them: skipped by their readers'),
  unreadableIds: z.array(z.string()).describe('<kind>:<id> of each unreadable secret'),
});
export type SealedKindView = z.infer<typeof SealedKindView>;

export const SecretsStatusView = z.object({
  currentKeyId: z.string().describe('8 hex digits naming the sealing key (a hash, not the key)'),
  keyIds: z.array(z.string()).describe('every configured key, the sealing one first'),
  kinds: z.array(SealedKindView),
});
export type SecretsStatusView = z.infer<typeof SecretsStatusView>;
