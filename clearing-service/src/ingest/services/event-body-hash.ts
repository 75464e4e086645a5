import { canonicalJson, type BehaviourEvent } from '@tanlian/sdk';
import { createHash } from 'node:crypto';

/** The fingerprint that decides "same event" for idempotency: formatting and key order do not count. */
export function eventBodyHash(event: BehaviourEvent): Buffer {
  return createHash('sha256').update(canonicalJson(event)).digest();
}
