// SM3 (GB/T 32905-2016), the hash a program may choose for its audit log under Chinese
// cryptography rules. Pure TypeScript because noble has no SM3 and node:crypto is not available on
// the phone. One-shot only: tree hashing always has the whole input at hand.

import { paddedNode, padTail } from './md-padding';

const IV = [
  0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e,
];

function rotl(x: number, n: number): number {
  n &= 31;
  return n === 0 ? x : (x << n) | (x >>> (32 - n));
}

const P0 = (x: number): number => x ^ rotl(x, 9) ^ rotl(x, 17);
const P1 = (x: number): number => x ^ rotl(x, 15) ^ rotl(x, 23);

// T_j <<< j, precomputed per round.
const T_ROTATED = new Int32Array(64);
for (let j = 0; j < 64; j++) T_ROTATED[j] = rotl(j < 16 ? 0x79cc4519 : 0x7a879d8a, j);

// Scratch space; SM3 here never runs re-entrantly (it is synchronous).
const W = new Int32Array(68);
const scratchState = new Int32Array(8);
const scratchTail = new Uint8Array(128);

function compress(state: Int32Array, block: Uint8Array, offset: number): void {
  for (let j = 0; j < 16; j++) {
    const o = offset + 4 * j;
    W[j] = (block[o] << 24) | (block[o + 1] << 16) | (block[o + 2] << 8) | block[o + 3];
  }
  for (let j = 16; j < 68; j++) {
    W[j] = P1(W[j - 16] ^ W[j - 9] ^ rotl(W[j - 3], 15)) ^ rotl(W[j - 13], 7) ^ W[j - 6];
  }
  // Indexed reads: destructuring a typed array goes through its iterator.
  let a = state[0];
  let b = state[1];
  let c = state[2];
  let d = state[3];
  let e = state[4];
  let f = state[5];
  let g = state[6];
  let h = state[7];
  for (let j = 0; j < 64; j++) {
    const a12 = rotl(a, 12);
    const ss1 = rotl((a12 + e + T_ROTATED[j]) | 0, 7);
    const ss2 = ss1 ^ a12;
    const ff = j < 16 ? a ^ b ^ c : (a & b) | (a & c) | (b & c);
    const gg = j < 16 ? e ^ f ^ g : (e & f) | (~e & g);
    const tt1 = (ff + d + ss2 + (W[j] ^ W[j + 4])) | 0;
    const tt2 = (gg + h + ss1 + W[j]) | 0;
    d = c;
    c = rotl(b, 9);
    b = a;
    a = tt1;
    h = g;
    g = rotl(f, 19);
    f = e;
    e = P0(tt2);
  }
  state[0] ^= a;
  state[1] ^= b;
  state[2] ^= c;
  state[3] ^= d;
  state[4] ^= e;
  state[5] ^= f;
  state[6] ^= g;
  state[7] ^= h;
}

export function sm3(data: Uint8Array): Uint8Array {
  const state = scratchState;
  state.set(IV);
  const fullBlocks = Math.floor(data.length / 64);
  for (let i = 0; i < fullBlocks; i++) compress(state, data, i * 64);

  const end = padTail(data, scratchTail);
  for (let o = 0; o < end; o += 64) compress(state, scratchTail, o);
  return digestOf(state);
}

/** SM3(0x01 ‖ left ‖ right) of two 32-byte hashes: a Merkle node, without padding work. */
export function sm3Node(left: Uint8Array, right: Uint8Array): Uint8Array {
  const state = scratchState;
  state.set(IV);
  const blocks = paddedNode(left, right);
  compress(state, blocks, 0);
  compress(state, blocks, 64);
  return digestOf(state);
}

function digestOf(state: Int32Array): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 0; i < 8; i++) {
    out[4 * i] = state[i] >>> 24;
    out[4 * i + 1] = state[i] >>> 16;
    out[4 * i + 2] = state[i] >>> 8;
    out[4 * i + 3] = state[i];
  }
  return out;
}
