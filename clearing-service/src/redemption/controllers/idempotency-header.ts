/** The Idempotency-Key header every POST of redemption takes, as the spec describes it. */
export const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  required: true,
  description:
    'A unique value per operation (e.g. a UUID), sent again on every retry: the same key and body get the first answer again (Idempotent-Replayed: true)',
};
