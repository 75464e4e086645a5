// RFC 9162 §2.1.3.2 and §2.1.4.2 verification algorithms, transcribed literally (fn/sn loop) as an
// oracle independent of the transparency-dev decomposition used in src/audit. Sizes here are
// small enough for JavaScript's 32-bit shifts.
import { createHash } from 'node:crypto';

const node = (l: Uint8Array, r: Uint8Array): Uint8Array =>
  new Uint8Array(createHash('sha256').update(Buffer.of(1)).update(l).update(r).digest());
const lsb = (x: number): boolean => (x & 1) === 1;
const equal = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));

export function rfcVerifyInclusion(
  index: number,
  size: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return false;
    if (lsb(fn) || fn === sn) {
      r = node(p, r);
      if (!lsb(fn)) {
        while (!(lsb(fn) || fn === 0)) {
          fn >>>= 1;
          sn >>>= 1;
        }
      }
    } else {
      r = node(r, p);
    }
    fn >>>= 1;
    sn >>>= 1;
  }
  return sn === 0 && equal(r, root);
}

/** For 0 < size1 < size2 (the RFC algorithm's domain). */
export function rfcVerifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): boolean {
  if (!(0 < size1 && size1 < size2)) throw new RangeError('oracle needs 0 < size1 < size2');
  if (proof.length === 0) return false;
  const path = (size1 & (size1 - 1)) === 0 ? [root1, ...proof] : [...proof];
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (lsb(fn)) {
    fn >>>= 1;
    sn >>>= 1;
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (lsb(fn) || fn === sn) {
      fr = node(c, fr);
      sr = node(c, sr);
      if (!lsb(fn)) {
        while (!(lsb(fn) || fn === 0)) {
          fn >>>= 1;
          sn >>>= 1;
        }
      }
    } else {
      sr = node(sr, c);
    }
    fn >>>= 1;
    sn >>>= 1;
  }
  return equal(fr, root1) && equal(sr, root2) && sn === 0;
}
