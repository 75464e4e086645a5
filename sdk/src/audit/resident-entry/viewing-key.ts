// The bureau's viewing key V (docs/private-log.md, "Keys"): 32 random bytes per program, issued
// once from the service's CLI. The service hands the bureau each resident key wrapped under V, so
// whoever holds V (and nobody else) opens every resident's entries:
//   pad     = HMAC(V, "tanlian/viewing-wrap/v1"  ‖ 0x00 ‖ resident key id)
//   check   = HMAC(V, "tanlian/viewing-check/v1" ‖ 0x00 ‖ resident key id ‖ k)[0..16)
//   wrapped = (k XOR pad) ‖ check
// Every resident key has its own random id, so no pad is used twice; the check tells a wrong V
// (or an altered wrapping) from a right one. HMAC over the log's own hash, as for the tags.
import { decodeBase64, encodeBase64 } from '../../encoding/base64';
import { encodeUtf8 } from '../../encoding/utf8';
import { equalBytes } from '../bytes';
import type { KeyedHash } from './keyed-hash';
import { RESIDENT_KEY_SIZE } from './resident-tag';

export const VIEWING_KEY_SIZE = 32;
const CHECK_SIZE = 16;
export const WRAPPED_KEY_SIZE = RESIDENT_KEY_SIZE + CHECK_SIZE;

const WRAP_LABEL = encodeUtf8('tanlian/viewing-wrap/v1');
const CHECK_LABEL = encodeUtf8('tanlian/viewing-check/v1');

/** A viewing key as the CLI prints it and tanlian-verify reads it: `vk_<hex id>:<base64 key>`. */
export interface ViewingKey {
  readonly keyId: string;
  readonly key: Uint8Array;
}

export function formatViewingKey(v: ViewingKey): string {
  return `${v.keyId}:${encodeBase64(v.key)}`;
}

export function parseViewingKey(
  text: string,
): { ok: true; key: ViewingKey } | { ok: false; reason: string } {
  const m = /^(vk_[0-9a-f]{16}):([A-Za-z0-9+/]+={0,2})$/.exec(text.trim());
  if (m === null) return { ok: false, reason: 'a viewing key is vk_<16 hex digits>:<base64>' };
  const key = decodeBase64(m[2]);
  if (key === undefined || key.length !== VIEWING_KEY_SIZE) {
    return { ok: false, reason: `a viewing key holds ${VIEWING_KEY_SIZE} bytes` };
  }
  return { ok: true, key: { keyId: m[1], key } };
}

export function wrapResidentKey(
  hmac: KeyedHash,
  viewingKey: Uint8Array,
  residentKeyId: string,
  residentKey: Uint8Array,
): Uint8Array {
  if (residentKey.length !== RESIDENT_KEY_SIZE) {
    throw new RangeError(`a resident key holds ${RESIDENT_KEY_SIZE} bytes`);
  }
  const id = encodeUtf8(residentKeyId);
  const pad = hmac(viewingKey, labelled(WRAP_LABEL, id));
  const out = new Uint8Array(WRAPPED_KEY_SIZE);
  for (let i = 0; i < RESIDENT_KEY_SIZE; i++) out[i] = residentKey[i] ^ pad[i];
  out.set(check(hmac, viewingKey, id, residentKey), RESIDENT_KEY_SIZE);
  return out;
}

/** The resident key, or undefined when `wrapped` was not made under this viewing key for this id. */
export function unwrapResidentKey(
  hmac: KeyedHash,
  viewingKey: Uint8Array,
  residentKeyId: string,
  wrapped: Uint8Array,
): Uint8Array | undefined {
  if (wrapped.length !== WRAPPED_KEY_SIZE) return undefined;
  const id = encodeUtf8(residentKeyId);
  const pad = hmac(viewingKey, labelled(WRAP_LABEL, id));
  const key = new Uint8Array(RESIDENT_KEY_SIZE);
  for (let i = 0; i < RESIDENT_KEY_SIZE; i++) key[i] = wrapped[i] ^ pad[i];
  const expected = check(hmac, viewingKey, id, key);
  return equalBytes(expected, wrapped.subarray(RESIDENT_KEY_SIZE)) ? key : undefined;
}

function check(hmac: KeyedHash, v: Uint8Array, id: Uint8Array, key: Uint8Array): Uint8Array {
  const message = new Uint8Array(id.length + key.length);
  message.set(id, 0);
  message.set(key, id.length);
  return hmac(v, labelled(CHECK_LABEL, message)).subarray(0, CHECK_SIZE);
}

function labelled(label: Uint8Array, rest: Uint8Array): Uint8Array {
  const out = new Uint8Array(label.length + 1 + rest.length);
  out.set(label, 0);
  out.set(rest, label.length + 1); // the 0x00 separator is already there
  return out;
}
