import {
  consistencyProof,
  encodeBase64,
  formatCheckpoint,
  formatVerifierKey,
  leafHash,
  MerkleTree,
  parseCosignatureVerifierKey,
  publicKeyFromSecret,
  sha256LogHash,
  signNote,
  verifyCosignature,
} from '@tanlian/sdk';
import { describe, expect, it } from 'vitest';
import { cosign, type LogView } from './witness-cosign';
import {
  newWitnessFile,
  parseWitnessFile,
  serializeWitnessFile,
  witnessVerifierKey,
} from './witness-file';

const ORIGIN = 'tanlian.test/shenzhen';
const logSecret = new Uint8Array(32).fill(7);
const logSigner = { name: 'tanlian.test/shenzhen', secretKey: logSecret };
const LOG: LogView = {
  origin: ORIGIN,
  hash: 'sha256',
  keys: [formatVerifierKey({ name: logSigner.name, publicKey: publicKeyFromSecret(logSecret) })],
};

/** A log of `n` leaves, and its signed checkpoint note. */
function logOf(leaves: string[]) {
  const hashes = leaves.map((l) => leafHash(sha256LogHash, new TextEncoder().encode(l)));
  const tree = new MerkleTree(sha256LogHash);
  for (const h of hashes) tree.appendLeafHash(h);
  const body = formatCheckpoint({ origin: ORIGIN, size: tree.size, rootHash: tree.root() });
  return { hashes, note: signNote(body, logSigner), body };
}

/** The log's consistency proof from its first `from` leaves to all of them, as the API sends it. */
const proofB64 = (hashes: Uint8Array[], from: number) =>
  consistencyProof(sha256LogHash, from, hashes).map((h) => encodeBase64(h));

describe('cosigning in the browser', () => {
  const witness = newWitnessFile('bureau.test', new Uint8Array(32).fill(3));

  it('cosigns on first contact, pinning the log, and remembers the size and root in the file', () => {
    const { note, body } = logOf(['a', 'b', 'c']);
    const first = cosign({ file: witness, log: LOG, note, proof: [], nowSeconds: 1_800_000_000 });
    if (!first.ok) throw new Error(first.reason);
    expect(first.size).toBe(3);
    expect(first.file.log).toEqual(LOG);
    expect(first.file.last?.size).toBe(3);
    const key = parseCosignatureVerifierKey(witnessVerifierKey(witness));
    if (!key.ok) throw new Error(key.reason);
    expect(verifyCosignature(key.key, body, first.cosignature).ok).toBe(true);
    // The file round-trips as saved.
    expect(parseWitnessFile(serializeWitnessFile(first.file))).toEqual(first.file);
  });

  it('cosigns a larger checkpoint only with a consistency proof from what it last signed', () => {
    const small = logOf(['a', 'b', 'c']);
    const first = cosign({ file: witness, log: LOG, note: small.note, proof: [], nowSeconds: 1 });
    if (!first.ok) throw new Error(first.reason);
    const big = logOf(['a', 'b', 'c', 'd', 'e']);
    const second = cosign({
      file: first.file,
      log: LOG,
      note: big.note,
      proof: proofB64(big.hashes, 3),
      nowSeconds: 2,
    });
    expect(second.ok && second.file.last?.size).toBe(5);
    // Without the proof, or with a fork, it refuses and the file stays as it was.
    expect(
      cosign({ file: first.file, log: LOG, note: big.note, proof: [], nowSeconds: 2 }).ok,
    ).toBe(false);
    const fork = logOf(['a', 'b', 'X', 'd', 'e']);
    const forked = cosign({
      file: first.file,
      log: LOG,
      note: fork.note,
      proof: proofB64(fork.hashes, 3),
      nowSeconds: 2,
    });
    expect(forked.ok).toBe(false);
  });

  it('never goes back, and trusts the keys it pinned rather than what the log lists later', () => {
    const big = logOf(['a', 'b', 'c', 'd', 'e']);
    const signed = cosign({ file: witness, log: LOG, note: big.note, proof: [], nowSeconds: 1 });
    if (!signed.ok) throw new Error(signed.reason);
    const small = logOf(['a', 'b', 'c']);
    const back = cosign({
      file: signed.file,
      log: LOG,
      note: small.note,
      proof: [],
      nowSeconds: 2,
    });
    expect(back.ok).toBe(false);
    const impostor = { name: logSigner.name, secretKey: new Uint8Array(32).fill(9) };
    const otherNote = signNote(big.body, impostor);
    const lying: LogView = {
      ...LOG,
      keys: [
        formatVerifierKey({
          name: impostor.name,
          publicKey: publicKeyFromSecret(impostor.secretKey),
        }),
      ],
    };
    expect(
      cosign({ file: signed.file, log: lying, note: otherNote, proof: [], nowSeconds: 3 }).ok,
    ).toBe(false);
  });

  it('refuses a witness file that is not one, naming the field', () => {
    expect(() => parseWitnessFile('{}')).toThrow(/format/);
    expect(() => parseWitnessFile(JSON.stringify({ ...witness, secretKey: 'AAAA' }))).toThrow(
      /secretKey/,
    );
  });
});
