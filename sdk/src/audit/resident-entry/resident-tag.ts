// The two values a resident's entry shows in public, both keyed by the resident's own random key
// (the audit module's README, "Residents in the log", has the scheme and its threat model):
//   tag        = HMAC(k, "tanlian/resident-tag/v1" ‖ 0x00 ‖ u64(seq) ‖ previous entry's leaf hash)[0..16)
//   commitment = HMAC(k, "tanlian/resident-commitment/v1" ‖ 0x00 ‖ u64(seq) ‖ private part's JSON)
// The tag commits to the resident's running count and to their previous entry, so one resident's
// entries form one chain; without k they look random and share nothing.
import { encodeUtf8 } from '../../encoding/utf8';
import type { KeyedHash } from './keyed-hash';

export const RESIDENT_KEY_SIZE = 32;
export const RESIDENT_TAG_SIZE = 16;
/** What the first entry of a chain follows: 32 zero bytes in place of a leaf hash. */
export const CHAIN_START = new Uint8Array(32);

const TAG_LABEL = encodeUtf8('tanlian/resident-tag/v1');
const COMMITMENT_LABEL = encodeUtf8('tanlian/resident-commitment/v1');

export function residentTag(
  hmac: KeyedHash,
  key: Uint8Array,
  seq: number,
  previousLeafHash: Uint8Array,
): Uint8Array {
  return hmac(key, labelled(TAG_LABEL, seq, previousLeafHash)).subarray(0, RESIDENT_TAG_SIZE);
}

/** `utf8`: how text becomes bytes; the service passes Node's Buffer.from, which is faster. */
export function entryCommitment(
  hmac: KeyedHash,
  key: Uint8Array,
  seq: number,
  privateJson: string,
  utf8: (text: string) => Uint8Array = encodeUtf8,
): Uint8Array {
  return hmac(key, labelled(COMMITMENT_LABEL, seq, utf8(privateJson)));
}

function labelled(label: Uint8Array, seq: number, rest: Uint8Array): Uint8Array {
  if (!Number.isSafeInteger(seq) || seq < 0) throw new RangeError(`bad sequence number ${seq}`);
  const out = new Uint8Array(label.length + 1 + 8 + rest.length);
  out.set(label, 0);
  let o = label.length + 1; // the 0x00 separator is already there
  const high = Math.floor(seq / 2 ** 32);
  const low = seq >>> 0;
  for (const word of [high, low])
    for (let shift = 24; shift >= 0; shift -= 8) out[o++] = (word >>> shift) & 0xff;
  out.set(rest, o);
  return out;
}
