// Witness cosignatures (C2SP tlog-cosignature v1): key IDs and vkeys against keys published by
// transparency-dev/formats, the signature bytes cross-checked with node:crypto's Ed25519 and an
// independent SHA-256, and every way a cosignature can be wrong.
import { createHash, createPrivateKey, sign as nodeSign } from 'node:crypto';
import {
  appendCosignatures,
  cosignatureKeyId,
  cosignatureMessage,
  cosignCheckpoint,
  formatCheckpoint,
  formatCosignatureVerifierKey,
  MerkleTree,
  parseCosignature,
  parseCosignatureVerifierKey,
  parseNote,
  parseVerifierKey,
  sha256LogHash,
  signNote,
  verifyCosignature,
  verifyNote,
  witnessCheckpoint,
  type NoteSigner,
} from '../../src/audit';
import { GO_NOTE, signerFromGoSkey, testKey } from './support/keys';

const codeOf = (r: { ok: boolean; code?: string }) => (r.ok ? 'ok' : r.code);
const BODY =
  'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';
const TIME = 1679315147;

/** Ed25519 by node:crypto (OpenSSL), independent of @noble/curves. */
function opensslSign(seed: Uint8Array, message: Uint8Array): Buffer {
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  return nodeSign(null, message, createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }));
}

function keyIdBySha256(name: string, type: number, publicKey: Uint8Array): number {
  const digest = createHash('sha256')
    .update(Buffer.concat([Buffer.from(`${name}\n`), Buffer.from([type]), publicKey]))
    .digest();
  return digest.readUInt32BE(0);
}

function witness(name = 'witness.example.com/w1') {
  const { signer, verifier } = testKey(name);
  return { signer, key: verifier };
}

describe('cosignature verifier keys', () => {
  test('parses a type 0x04 vkey published by transparency-dev/formats, checking its key ID', () => {
    const vkey = 'remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2';
    const parsed = parseCosignatureVerifierKey(vkey);
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.key.name).toBe('remora.n621.de');
    expect(parsed.key.keyId).toBe(0xda77ade7);
    expect(cosignatureKeyId(parsed.key.name, parsed.key.publicKey)).toBe(0xda77ade7);
    expect(formatCosignatureVerifierKey(parsed.key)).toBe(vkey);
  });

  test('key ID = SHA-256(name || \\n || 0x04 || key)[:4], not the note key ID of the same key', () => {
    const peter = parseVerifierKey(GO_NOTE.peterVkey);
    if (!peter.ok) throw new Error(peter.reason);
    const id = cosignatureKeyId(peter.key.name, peter.key.publicKey);
    expect(id).toBe(keyIdBySha256('PeterNeumann', 0x04, peter.key.publicKey));
    expect(id).not.toBe(peter.key.keyId);
    const vkey = formatCosignatureVerifierKey(peter.key);
    expect(vkey).toMatch(/^PeterNeumann\+[0-9a-f]{8}\+BB/); // base64 of 0x04 starts "B"
    expect(parseCosignatureVerifierKey(vkey)).toMatchObject({ ok: true });
  });

  test('refuses a note key (type 0x01), a mangled key ID and malformed text', () => {
    expect(codeOf(parseCosignatureVerifierKey(GO_NOTE.peterVkey))).toBe('unknown-key-algorithm');
    const { key } = witness();
    const vkey = formatCosignatureVerifierKey(key);
    // And the other way round: a note verifier refuses a cosignature key.
    expect(codeOf(parseVerifierKey(vkey))).toBe('unknown-key-algorithm');
    const [name, hex] = vkey.split('+');
    const b64 = vkey.slice(name.length + hex.length + 2); // base64 may itself contain '+'
    const otherHex = ((parseInt(hex, 16) ^ 1) >>> 0).toString(16).padStart(8, '0');
    expect(codeOf(parseCosignatureVerifierKey(`${name}+${otherHex}+${b64}`))).toBe(
      'key-id-mismatch',
    );
    for (const bad of ['', 'name', `${name}+${hex}`, `${name}+zz+${b64}`, `+${hex}+${b64}`]) {
      expect([bad, codeOf(parseCosignatureVerifierKey(bad))]).toEqual([bad, 'malformed-key']);
    }
  });
});

describe('cosignCheckpoint / verifyCosignature', () => {
  test('signs exactly the C2SP message; the bytes match node:crypto Ed25519', () => {
    const { signer, key } = witness();
    const line = cosignCheckpoint(signer, BODY, TIME);
    expect(line.startsWith('— witness.example.com/w1 ')).toBe(true);
    const raw = Buffer.from(line.split(' ')[2], 'base64');
    expect(raw.length).toBe(76);
    expect(raw.readUInt32BE(0)).toBe(keyIdBySha256(signer.name, 0x04, key.publicKey));
    expect(raw.readBigUInt64BE(4)).toBe(BigInt(TIME));
    const message = Buffer.from(`cosignature/v1\ntime ${TIME}\n${BODY}`, 'utf8');
    expect(Buffer.from(cosignatureMessage(BODY, TIME))).toEqual(message);
    expect(raw.subarray(12)).toEqual(opensslSign(signer.secretKey, message));
    expect(verifyCosignature(key, BODY, line)).toEqual({ ok: true, time: TIME });
    expect(verifyCosignature(key, BODY, `${line}\n`)).toEqual({ ok: true, time: TIME });
  });

  test('a timestamp above 2^32 is written big-endian in 8 bytes', () => {
    const { signer, key } = witness();
    const time = 2 ** 40 + 5;
    const line = cosignCheckpoint(signer, BODY, time);
    expect(Buffer.from(line.split(' ')[2], 'base64').readBigUInt64BE(4)).toBe(BigInt(time));
    expect(verifyCosignature(key, BODY, line)).toEqual({ ok: true, time });
  });

  test('reads the timestamp of a cosignature made by transparency-dev/formats', () => {
    const parsed = parseCosignature(
      '— w ZGhGuQAAAABm/qTPeyKXD+R2rzyQsxPiP8mXum7qq/iF0u4vanlqJyocWODBt97w9uL+8qT7S5gxEHWWOworDcFiEBYJXORmnFBOBA==',
    );
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.cosignature.time).toBe(1727964367);
    expect(parsed.cosignature.keyId).toBe(0x646846b9);
    // A plain note signature (4 + 64 bytes) is not a cosignature.
    expect(codeOf(parseCosignature(GO_NOTE.peterSig))).toBe('malformed-note');
  });

  test('refuses every change: body, time, signature byte, name, key ID, key', () => {
    const { signer, key } = witness();
    const line = cosignCheckpoint(signer, BODY, TIME);
    const [, name, b64] = line.split(' ');
    const raw = Buffer.from(b64, 'base64');
    const withRaw = (mutate: (b: Buffer) => void) => {
      const copy = Buffer.from(raw);
      mutate(copy);
      return `— ${name} ${copy.toString('base64')}`;
    };
    expect(codeOf(verifyCosignature(key, BODY.replace('20852163', '20852164'), line))).toBe(
      'invalid-signature',
    );
    expect(codeOf(verifyCosignature(key, `${BODY}extension\n`, line))).toBe('invalid-signature');
    expect(
      codeOf(
        verifyCosignature(
          key,
          BODY,
          withRaw((b) => (b[11] ^= 1)),
        ),
      ),
    ).toBe('invalid-signature');
    for (let i = 12; i < 76; i += 7) {
      expect(
        codeOf(
          verifyCosignature(
            key,
            BODY,
            withRaw((b) => (b[i] ^= 0x10)),
          ),
        ),
      ).toBe('invalid-signature');
    }
    expect(
      codeOf(
        verifyCosignature(
          key,
          BODY,
          withRaw((b) => (b[0] ^= 1)),
        ),
      ),
    ).toBe('key-id-mismatch');
    expect(codeOf(verifyCosignature(key, BODY, line.replace(name, 'other.example')))).toBe(
      'key-id-mismatch',
    );
    const stranger = witness('witness.example.com/w1'.replace('w1', 'w2'));
    expect(codeOf(verifyCosignature(stranger.key, BODY, line))).toBe('key-id-mismatch');
    // Same name, another key: the key ID differs too.
    const impostor: NoteSigner = { name: signer.name, secretKey: new Uint8Array(32).fill(9) };
    expect(codeOf(verifyCosignature(key, BODY, cosignCheckpoint(impostor, BODY, TIME)))).toBe(
      'key-id-mismatch',
    );
  });

  test('refuses malformed lines and a body that is not note text', () => {
    const { signer, key } = witness();
    const line = cosignCheckpoint(signer, BODY, TIME);
    for (const bad of [
      '',
      line.slice(2),
      `${line}\n\n`,
      `— ${signer.name}`,
      `— ${signer.name} !!!`,
      `— ${signer.name} ${Buffer.alloc(75).toString('base64')}`,
    ]) {
      expect([bad, codeOf(verifyCosignature(key, BODY, bad))]).toEqual([bad, 'malformed-note']);
    }
    expect(codeOf(verifyCosignature(key, BODY.slice(0, -1), line))).toBe('malformed-checkpoint');
    expect(() => cosignCheckpoint(signer, BODY, -1)).toThrow(RangeError);
    expect(() => cosignCheckpoint(signer, BODY, 1.5)).toThrow(RangeError);
    expect(() => cosignCheckpoint(signer, 'no newline', TIME)).toThrow(RangeError);
  });

  test('a note with cosignature lines still verifies with the log key alone', () => {
    const log = signerFromGoSkey(GO_NOTE.peterSkey);
    const logKey = parseVerifierKey(GO_NOTE.peterVkey);
    if (!logKey.ok) throw new Error(logKey.reason);
    const { signer, key } = witness();
    const note = signNote(BODY, log);
    const cosigned = appendCosignatures(note, [cosignCheckpoint(signer, BODY, TIME)]);
    expect(verifyNote(cosigned, [logKey.key])).toMatchObject({ ok: true, body: BODY });
    const parsed = parseNote(cosigned);
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.signatures.map((s) => s.name)).toEqual(['PeterNeumann', signer.name]);
    expect(verifyCosignature(key, parsed.body, parsed.signatures[1].line)).toMatchObject({
      ok: true,
    });
  });
});

describe('witnessCheckpoint', () => {
  const log = testKey('log.example/key');
  const origin = 'log.example/test';
  const tree = new MerkleTree(sha256LogHash);
  for (let i = 0; i < 13; i++) tree.appendData(Uint8Array.of(i));
  const noteAt = (size: number, signer = log.signer, o = origin) =>
    signNote(formatCheckpoint({ origin: o, size, rootHash: tree.root(size) }), signer);
  const base = {
    logKeys: [log.verifier],
    origin,
    hash: sha256LogHash,
    signer: witness().signer,
    time: TIME,
  };

  test('cosigns a checkpoint consistent with the last one seen, and the first one', () => {
    const first = witnessCheckpoint({ ...base, previous: null, note: noteAt(5), proof: [] });
    if (!first.ok) throw new Error(first.reason);
    expect(first.checkpoint.size).toBe(5);
    const body = formatCheckpoint({ origin, size: 5, rootHash: tree.root(5) });
    expect(verifyCosignature(witness().key, body, first.cosignature)).toMatchObject({ ok: true });

    const next = witnessCheckpoint({
      ...base,
      previous: first.checkpoint,
      note: noteAt(13),
      proof: tree.consistencyProof(5, 13),
    });
    expect(next).toMatchObject({ ok: true, checkpoint: { size: 13 } });
    const same = witnessCheckpoint({
      ...base,
      previous: first.checkpoint,
      note: noteAt(5),
      proof: [],
    });
    expect(same).toMatchObject({ ok: true });
  });

  test('refuses a bad log signature, another origin, going back, a fork and a stray proof', () => {
    const previous = { size: 8, rootHash: tree.root(8) };
    const proof = tree.consistencyProof(8, 13);
    const run = (over: Partial<Parameters<typeof witnessCheckpoint>[0]>) =>
      codeOf(witnessCheckpoint({ ...base, previous, note: noteAt(13), proof, ...over }));
    expect(run({})).toBe('ok');
    expect(run({ note: noteAt(13, testKey('impostor').signer) })).toBe('no-trusted-signature');
    expect(run({ note: noteAt(13, log.signer, 'log.example/other') })).toBe('origin-mismatch');
    expect(run({ note: noteAt(7), proof: [] })).toBe('size-order');
    const forked = { size: 8, rootHash: tree.root(9) };
    expect(run({ previous: forked })).toBe('root-mismatch');
    expect(run({ proof: proof.slice(1) })).not.toBe('ok');
    expect(run({ previous: { size: 13, rootHash: tree.root(12) }, proof: [] })).toBe(
      'root-mismatch',
    );
    expect(run({ previous: null })).toBe('unexpected-proof');
  });
});
