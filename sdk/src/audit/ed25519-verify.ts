// Strict RFC 8032 Ed25519 verification (no ZIP-215 leniency), as @noble/curves does it with
// { zip215: false }, but keeping each public key's decoded point and a table of its multiples:
// an app verifies every receipt against the same pinned key, and the table makes that ~4× faster
// (about 0.4 ms instead of 1.6 ms here), which keeps receipt checks on a phone well under 2 ms.
import { mod } from '@noble/curves/abstract/modular';
import { bytesToHex, bytesToNumberLE } from '@noble/curves/abstract/utils';
import { ed25519 } from '@noble/curves/ed25519';
import { sha512 } from '@noble/hashes/sha512';
import { concatBytes } from './bytes';

const Point = ed25519.ExtendedPoint;
type EdPoint = InstanceType<typeof Point>;
const ORDER = ed25519.CURVE.n;
/** Window of the per-key table: 6 bits costs ~9 ms once per key and ~90 KB. */
const WINDOW = 6;
/** Keys kept; an app pins a handful (the log's keys, maybe witnesses). */
const MAX_KEYS = 32;

const points = new Map<string, EdPoint | null>();

export function verifyEd25519(
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
): boolean {
  if (signature.length !== 64 || publicKey.length !== 32) return false;
  try {
    const A = keyPoint(publicKey);
    if (A === null) return false;
    const R = Point.fromHex(signature.subarray(0, 32), false);
    // multiplyUnsafe refuses a scalar outside [0, ORDER): RFC 8032's s < L check.
    const SB = Point.BASE.multiplyUnsafe(bytesToNumberLE(signature.subarray(32)));
    const k = mod(
      bytesToNumberLE(sha512(concatBytes(R.toRawBytes(), A.toRawBytes(), message))),
      ORDER,
    );
    return R.add(A.multiplyUnsafe(k)).subtract(SB).clearCofactor().equals(Point.ZERO);
  } catch {
    return false;
  }
}

/** The key's point with its multiples table, or null for a key strict verification refuses. */
function keyPoint(publicKey: Uint8Array): EdPoint | null {
  const id = bytesToHex(publicKey);
  const known = points.get(id);
  if (known !== undefined) return known;
  let point: EdPoint | null = Point.fromHex(publicKey, false);
  if (point.isSmallOrder()) point = null;
  else ed25519.utils.precompute(WINDOW, point);
  if (points.size >= MAX_KEYS) points.clear();
  points.set(id, point);
  return point;
}
