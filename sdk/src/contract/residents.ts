import { z } from 'zod';

// Residents sign in from the WeChat mini-program and bind the accounts they hold at operators.
// Internal ids never leave the service: a resident is named by its public id, an operator by its code.

const Timestamp = z.string().describe('ISO 8601 time');

export const ResidentId = z
  .string()
  .regex(/^res_[0-9a-f]{16}$/, 'must be a resident id, e.g. res_3f9c0a1b2c3d4e5f');

/**
 * How an operator names its own user in events and binding tokens. Opaque on purpose (PIPL): an
 * account number, never a phone number or a name.
 */
export const ExternalUserId = z
  .string()
  .regex(
    /^[\x21-\x7e]{1,128}$/,
    'must be 1-128 visible ASCII characters: your opaque user id (not a phone number or a name)',
  );

export const ResidentSessionCreate = z.strictObject({
  code: z
    .string()
    .regex(/^[\x21-\x7e]{1,128}$/, 'must be the code from wx.login (1-128 visible characters)')
    .describe(
      'The login code from wx.login, valid once for 5 minutes. With the development provider: dev:<any name>',
    ),
});
export type ResidentSessionCreate = z.infer<typeof ResidentSessionCreate>;

export const ResidentView = z.object({
  id: ResidentId,
  program: z.string().describe('Program code'),
  createdAt: Timestamp,
  bindings: z.number().int().describe('How many operator accounts are bound to this resident'),
});
export type ResidentView = z.infer<typeof ResidentView>;

export const ResidentSessionCreated = z.object({
  token: z
    .string()
    .describe(
      'rs_<id>.<secret>: send it as `Authorization: Bearer <token>`; valid 30 days or until logout',
    ),
  expiresAt: Timestamp,
  resident: ResidentView,
});
export type ResidentSessionCreated = z.infer<typeof ResidentSessionCreated>;

export const BindingTokenCreate = z.strictObject({
  user: ExternalUserId.describe('Your user id, as your events name it'),
});
export type BindingTokenCreate = z.infer<typeof BindingTokenCreate>;

export const BindingTokenCreated = z.object({
  token: z
    .string()
    .describe('bt_<id>.<secret>: hand it to your user (e.g. as a QR code); valid once, 15 minutes'),
  expiresAt: Timestamp,
});
export type BindingTokenCreated = z.infer<typeof BindingTokenCreated>;

export const ResidentBindingCreate = z.strictObject({
  token: z
    .string()
    .regex(
      /^bt_[0-9a-f]{16}\.[A-Za-z0-9_-]{43}$/,
      'must be a binding token from your operator (bt_<id>.<secret>)',
    ),
});
export type ResidentBindingCreate = z.infer<typeof ResidentBindingCreate>;

export const ResidentBindingView = z.object({
  operator: z.string().describe('Operator (participant) code'),
  user: z.string().describe("The operator's id for this resident"),
  boundAt: Timestamp,
});
export type ResidentBindingView = z.infer<typeof ResidentBindingView>;
