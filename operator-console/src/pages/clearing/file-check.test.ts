import { describe, expect, it } from 'vitest';
import { fileMatches, sha256Hex } from './file-check';

const bytes = new TextEncoder().encode('END,0,0,0,x\n');

describe('a downloaded clearing file', () => {
  it('hashes as sha256sum does', async () => {
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('matches only the hash it was listed with, and the header when one is sent', async () => {
    const listed = await sha256Hex(bytes);
    expect(await fileMatches(bytes, listed, listed)).toBe(true);
    expect(await fileMatches(bytes, listed, null)).toBe(true);
    expect(await fileMatches(bytes, listed, '0'.repeat(64))).toBe(false);
    const changed = new TextEncoder().encode('END,0,0,1,x\n');
    expect(await fileMatches(changed, listed, listed)).toBe(false);
  });
});
