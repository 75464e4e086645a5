/**
 * A fresh Idempotency-Key for one intended action: made when its dialog opens and kept while it is
 * open, so pressing "confirm" again after a network error repeats the same action, not a second one.
 */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
