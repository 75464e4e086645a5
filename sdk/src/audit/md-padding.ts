// The Merkle–Damgård padding SHA-256 and SM3 share: after the last bytes of the message, 0x80,
// zeros, then the message's length in bits as a 64-bit big-endian number, filling one or two
// 64-byte blocks.

/**
 * Writes the message's last `data.length mod 64` bytes and the padding into `tail` (≥ 128 bytes),
 * and returns how many bytes of it to compress (64 or 128).
 */
export function padTail(data: Uint8Array, tail: Uint8Array): number {
  const fullBlocks = Math.floor(data.length / 64);
  const rest = data.length - fullBlocks * 64;
  const end = rest < 56 ? 64 : 128;
  tail.fill(0, 0, end);
  tail.set(data.subarray(fullBlocks * 64), 0);
  tail[rest] = 0x80;
  const bitsHigh = Math.floor(data.length / 2 ** 29);
  const bitsLow = (data.length * 8) >>> 0;
  for (let i = 0; i < 4; i++) {
    tail[end - 8 + i] = bitsHigh >>> (24 - 8 * i);
    tail[end - 4 + i] = bitsLow >>> (24 - 8 * i);
  }
  return end;
}

/**
 * An interior node's input, 0x01 ‖ left ‖ right (two 32-byte hashes, RFC 9162), already padded:
 * 65 bytes always fill two blocks, and all but the two hashes is the same every time. Returns
 * the 128 bytes to compress (a shared buffer: use it before the next call).
 */
export function paddedNode(left: Uint8Array, right: Uint8Array): Uint8Array {
  NODE_BLOCKS.set(left, 1);
  NODE_BLOCKS.set(right, 33);
  return NODE_BLOCKS;
}

const NODE_BLOCKS = (() => {
  const blocks = new Uint8Array(128);
  blocks[0] = 0x01;
  blocks[65] = 0x80;
  const bits = 65 * 8;
  blocks[126] = bits >>> 8;
  blocks[127] = bits & 0xff;
  return blocks;
})();
