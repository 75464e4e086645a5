// Signed notes and note keys, against golang.org/x/mod/sumdb/note's published vectors (the
// PeterNeumann and EnochRoot keys and signatures) and C2SP signed-note rules.
import {
  addSignature,
  formatVerifierKey,
  noteKeyId,
  parseNote,
  parseVerifierKey,
  publicKeyFromSecret,
  signNote,
  verifyNote,
  type ParsedVerifierKey,
} from '../../src/audit';
import { GO_NOTE, signerFromGoSkey, testKey } from './support/keys';

const { text, peterSig, enochSig } = GO_NOTE;

function key(vkey: string): ParsedVerifierKey {
  const parsed = parseVerifierKey(vkey);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.key;
}
const peter = key(GO_NOTE.peterVkey);
const enoch = key(GO_NOTE.enochVkey);
const codeOf = (r: { ok: boolean; code?: string }) => (r.ok ? 'ok' : r.code);
const signerNames = (r: ReturnType<typeof verifyNote>) =>
  r.ok ? r.signers.map((s) => `${s.name}+${s.keyId.toString(16)}`) : r.code;

describe('verifier keys (Go note vectors)', () => {
  test('PeterNeumann key ID is c74f20a3 = SHA-256(name || \\n || 0x01 || key)[:4]', () => {
    expect(peter.name).toBe('PeterNeumann');
    expect(peter.keyId).toBe(0xc74f20a3);
    expect(noteKeyId(peter.name, peter.publicKey)).toBe(0xc74f20a3);
    expect(enoch.keyId).toBe(0xaf0cfe78);
  });

  test('the Go signer key derives the same public key', () => {
    const signer = signerFromGoSkey(GO_NOTE.peterSkey);
    expect(publicKeyFromSecret(signer.secretKey)).toEqual(peter.publicKey);
  });

  test('formatVerifierKey reproduces the vkey text', () => {
    expect(formatVerifierKey(peter)).toBe(GO_NOTE.peterVkey);
    expect(formatVerifierKey(enoch)).toBe(GO_NOTE.enochVkey);
  });

  test('every substring and every single-byte change is refused (Go TestNewVerifier)', () => {
    const vkey = GO_NOTE.peterVkey;
    const accepted: string[] = [];
    for (let i = 0; i <= vkey.length; i++) {
      for (let j = i + 1; j <= vkey.length; j++) {
        if ((i !== 0 || j !== vkey.length) && parseVerifierKey(vkey.slice(i, j)).ok) {
          accepted.push(vkey.slice(i, j));
        }
      }
    }
    for (let i = 0; i < vkey.length; i++) {
      const mangled =
        vkey.slice(0, i) + String.fromCharCode(vkey.charCodeAt(i) + 1) + vkey.slice(i + 1);
      if (parseVerifierKey(mangled).ok) accepted.push(mangled);
    }
    expect(accepted).toEqual([]);
  });

  test('wrong key length and unknown algorithm, with adjusted key IDs (Go vectors)', () => {
    expect(
      codeOf(
        parseVerifierKey(
          'PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==',
        ),
      ),
    ).toBe('malformed-key');
    expect(
      codeOf(
        parseVerifierKey('PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'),
      ),
    ).toBe('unknown-key-algorithm');
    expect(codeOf(parseVerifierKey(GO_NOTE.peterVkey.replace('c74f20a3', 'c74f20a4')))).toBe(
      'key-id-mismatch',
    );
    expect(codeOf(parseVerifierKey(GO_NOTE.peterVkey.replace('c74f20a3', 'C74F20A3')))).toBe('ok');
  });

  test('formatVerifierKey refuses invalid names and keys', () => {
    expect(() => formatVerifierKey({ name: 'a b', publicKey: peter.publicKey })).toThrow(
      RangeError,
    );
    expect(() => formatVerifierKey({ name: 'a+b', publicKey: peter.publicKey })).toThrow(
      RangeError,
    );
    expect(() => formatVerifierKey({ name: '', publicKey: peter.publicKey })).toThrow(RangeError);
    expect(() => formatVerifierKey({ name: 'a', publicKey: new Uint8Array(31) })).toThrow(
      RangeError,
    );
  });
});

describe('signing and verifying (Go note vectors)', () => {
  test('signNote reproduces the PeterNeumann signature exactly', () => {
    expect(signNote(text, signerFromGoSkey(GO_NOTE.peterSkey))).toBe(`${text}\n${peterSig}`);
  });

  test('verifyNote reports the known signers and ignores unknown ones', () => {
    const note = `${text}\n${peterSig}${enochSig}`;
    expect(signerNames(verifyNote(note, [peter]))).toEqual(['PeterNeumann+c74f20a3']);
    expect(signerNames(verifyNote(note, [enoch]))).toEqual(['EnochRoot+af0cfe78']);
    expect(signerNames(verifyNote(note, [peter, enoch]))).toEqual([
      'PeterNeumann+c74f20a3',
      'EnochRoot+af0cfe78',
    ]);
    expect(signerNames(verifyNote(note, []))).toBe('no-trusted-signature');
    const result = verifyNote(note, [peter]);
    expect(result.ok && result.body).toBe(text);
  });

  test('a key is known only by name AND key ID', () => {
    const renamed = { name: 'PeterNeumann2', publicKey: peter.publicKey };
    expect(signerNames(verifyNote(`${text}\n${peterSig}`, [renamed]))).toBe('no-trusted-signature');
  });

  test('a corrupted signature by a known key rejects the whole note (Go vector)', () => {
    const corrupt = `${peterSig.slice(0, 60)}ABCD${peterSig.slice(60)}`;
    expect(signerNames(verifyNote(`${text}\n${corrupt}`, [peter]))).toBe('invalid-signature');
    expect(signerNames(verifyNote(`${text}\n${corrupt}${enochSig}`, [peter, enoch]))).toBe(
      'invalid-signature',
    );
  });

  test('malformed notes are refused (Go bad messages, plus our rules)', () => {
    const bad = [
      text, // no signature block
      `${text}\n`, // empty signature block
      `${text}\n${peterSig.slice(0, -1)}`, // signature block not ending in newline
      `\x01${text}\n${peterSig}`, // control character
      `\ud800${text}\n${peterSig}`, // not valid UTF-8
      `${text}\n— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`,
      `${text}\n${peterSig}Unexpected line.\n`,
      `${text}\n${peterSig}\n`, // blank line in the signature block
      `${text}\n- PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`,
      `${text}\n— PeterNeumann\n`, // no signature
      `${text}\n— PeterNeumann x08go/Z=\n`, // not base64
      `${text}\n— PeterNeumann x08goA==\n`, // fewer than 5 bytes
      `${text}\r\n${peterSig}`, // CR is a control character
      `${text}\n${peterSig}${peterSig}`, // duplicate line
      `${text}\n${enochSig}${enochSig}`, // duplicate line from an unknown key
    ];
    for (const note of bad) {
      expect([note, codeOf(verifyNote(note, [peter]))]).toEqual([note, 'malformed-note']);
    }
  });

  test('at most 100 signatures', () => {
    const unknown = (i: number) =>
      signNote(text, testKey(`witness${i}`).signer).slice(text.length + 1);
    const lines = Array.from({ length: 100 }, (_, i) => unknown(i));
    expect(
      signerNames(verifyNote(`${text}\n${peterSig}${lines.slice(1).join('')}`, [peter])),
    ).toEqual(['PeterNeumann+c74f20a3']);
    expect(codeOf(verifyNote(`${text}\n${peterSig}${lines.join('')}`, [peter]))).toBe(
      'malformed-note',
    );
  });

  test('the same key pinned twice is not ambiguous', () => {
    expect(signerNames(verifyNote(`${text}\n${peterSig}`, [peter, { ...peter }]))).toEqual([
      'PeterNeumann+c74f20a3',
    ]);
  });

  test('a malformed trusted key is reported', () => {
    const bad = { name: 'PeterNeumann', publicKey: new Uint8Array(16) };
    expect(codeOf(verifyNote(`${text}\n${peterSig}`, [bad]))).toBe('malformed-key');
  });

  test('C2SP signed-note example parses', () => {
    const example =
      'Ognuno sta solo sul cuor della terra\ntrafitto da un raggio di sole:\n\ned è subito sera.\n\n' +
      '— quasimodo.example/salvatore NnugSzTjtVAewIS+Z/iJhUPeFDkO/5QQ2i5ddnGITLlC+EhfLW9oJKONrMouFSQU0xMcXxj99ihAQwaqP3ZekRwNtIc=\n';
    const parsed = parseNote(example);
    expect(parsed.ok && parsed.body).toBe(
      'Ognuno sta solo sul cuor della terra\ntrafitto da un raggio di sole:\n\ned è subito sera.\n',
    );
    expect(parsed.ok && parsed.signatures.map((s) => [s.name, s.signature.length])).toEqual([
      ['quasimodo.example/salvatore', 64],
    ]);
  });
});

describe('round trips, tampering and cosigning', () => {
  const log = testKey('tanlian.example/shenzhen');
  const witness = testKey('bureau.example/witness');
  const body =
    'tanlian.example/shenzhen\n42\nq83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=\n碳普惠\n';

  test('sign then verify', () => {
    const note = signNote(body, log.signer);
    const result = verifyNote(note, [log.verifier]);
    expect(result.ok && result.body).toBe(body);
    expect(signerNames(result)).toEqual([
      `tanlian.example/shenzhen+${noteKeyId(log.signer.name, log.verifier.publicKey).toString(16)}`,
    ]);
  });

  test('changing any character of the body breaks the signature', () => {
    const note = signNote(body, log.signer);
    const accepted: number[] = [];
    for (let i = 0; i < body.length; i++) {
      const c = body.charCodeAt(i);
      const swapped = c === 0x0a ? ' ' : String.fromCharCode(c === 0x7a ? 0x79 : c + 1);
      const tampered = note.slice(0, i) + swapped + note.slice(i + 1);
      if (verifyNote(tampered, [log.verifier]).ok) accepted.push(i);
    }
    expect(accepted).toEqual([]);
  });

  test('changing any byte of the signature is rejected', () => {
    const note = signNote(body, log.signer);
    const line = note.slice(body.length + 1, -1);
    const raw = new Uint8Array(Buffer.from(line.slice(line.lastIndexOf(' ') + 1), 'base64'));
    const prefix = line.slice(0, line.lastIndexOf(' ') + 1);
    const outcomes = new Set<string>();
    for (let i = 0; i < raw.length; i++) {
      const bad = raw.slice();
      bad[i] ^= 0x01;
      const tampered = `${body}\n${prefix}${Buffer.from(bad).toString('base64')}\n`;
      outcomes.add(String(codeOf(verifyNote(tampered, [log.verifier]))));
    }
    // Bytes 0-3 are the key ID (then the key is unknown), the rest the Ed25519 signature.
    expect([...outcomes].sort()).toEqual(['invalid-signature', 'no-trusted-signature']);
  });

  test('a witness cosignature is verified independently of the log signature', () => {
    const cosigned = addSignature(signNote(body, log.signer), witness.signer);
    expect(signerNames(verifyNote(cosigned, [log.verifier, witness.verifier]))).toHaveLength(2);
    expect(signerNames(verifyNote(cosigned, [witness.verifier]))).toEqual([
      expect.stringMatching(/^bureau\.example\/witness\+/),
    ]);
    // A broken witness signature fails the note even though the log signature is good...
    const lines = cosigned.split('\n');
    const witnessLine = lines[lines.length - 2];
    const broken = cosigned.replace(witnessLine, witnessLine.slice(0, -8) + 'AAAAAAA=');
    expect(codeOf(verifyNote(broken, [log.verifier, witness.verifier]))).toBe('invalid-signature');
    // ...and is ignored by a verifier that does not know the witness.
    expect(codeOf(verifyNote(broken, [log.verifier]))).toBe('ok');
  });

  test('re-signing with the same key replaces the earlier signature', () => {
    const once = addSignature(signNote(body, log.signer), witness.signer);
    const twice = addSignature(once, witness.signer);
    expect(twice).toBe(once); // Ed25519 is deterministic
    expect(addSignature(once, log.signer).split('\n— ').length).toBe(3);
  });

  test('signing refuses bodies without a final newline or with control characters', () => {
    expect(() => signNote('no newline', log.signer)).toThrow(RangeError);
    expect(() => signNote('', log.signer)).toThrow(RangeError);
    expect(() => signNote('tab\there\n', log.signer)).toThrow(RangeError);
    expect(() => signNote('x\n', { ...log.signer, name: 'bad name' })).toThrow(RangeError);
    expect(() => signNote('x\n', { ...log.signer, secretKey: new Uint8Array(64) })).toThrow(
      RangeError,
    );
    expect(() => addSignature('not a note\n', witness.signer)).toThrow(RangeError);
  });
});
