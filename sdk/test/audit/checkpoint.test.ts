// Checkpoints (C2SP tlog-checkpoint): format/parse round trips, the spec's example, and the
// malformed bodies a verifier must refuse.
import {
  decodeBase64,
  formatCheckpoint,
  parseCheckpoint,
  signNote,
  verifyNote,
} from '../../src/audit';
import { testKey } from './support/keys';

const root = new Uint8Array(32).map((_, i) => i * 7);
const rootB64 = Buffer.from(root).toString('base64');
const codeOf = (r: { ok: boolean; code?: string }) => (r.ok ? 'ok' : r.code);

test('format and parse round trip, with and without extension lines', () => {
  for (const extensions of [undefined, [], ['program=shenzhen', 'hash=sm3']]) {
    const text = formatCheckpoint({
      origin: 'tanlian.example/shenzhen',
      size: 1234,
      rootHash: root,
      extensions,
    });
    const parsed = parseCheckpoint(text);
    expect(parsed.ok && parsed.checkpoint).toEqual({
      origin: 'tanlian.example/shenzhen',
      size: 1234,
      rootHash: root,
      extensions: extensions ?? [],
    });
  }
  expect(formatCheckpoint({ origin: 'o', size: 0, rootHash: root })).toBe(`o\n0\n${rootB64}\n`);
});

test('the C2SP tlog-checkpoint example body parses', () => {
  const parsed = parseCheckpoint(
    'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n',
  );
  expect(parsed.ok && parsed.checkpoint.origin).toBe('example.com/behind-the-sofa');
  expect(parsed.ok && parsed.checkpoint.size).toBe(20852163);
  expect(parsed.ok && parsed.checkpoint.rootHash).toEqual(
    decodeBase64('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I='),
  );
});

test('malformed checkpoints are refused', () => {
  const bad = [
    `o\n1\n${rootB64}`, // no final newline
    'o\n1\n', // no root line
    `\n1\n${rootB64}\n`, // empty origin
    `o\n01\n${rootB64}\n`, // leading zero
    `o\n-1\n${rootB64}\n`,
    `o\n+1\n${rootB64}\n`,
    `o\n1e3\n${rootB64}\n`,
    `o\n 1\n${rootB64}\n`,
    `o\n0x10\n${rootB64}\n`,
    `o\n\n${rootB64}\n`,
    `o\n9007199254740992\n${rootB64}\n`, // 2^53: beyond what we represent exactly
    'o\n1\nnot base64!\n',
    `o\n1\n${Buffer.from(root.subarray(1)).toString('base64')}\n`, // 31 bytes
    `o\n1\n${rootB64}\n\n`, // empty extension line
    `o\n1\n${rootB64}\next\n\nmore\n`,
  ];
  for (const text of bad) {
    expect([text, codeOf(parseCheckpoint(text))]).toEqual([text, 'malformed-checkpoint']);
  }
  expect(codeOf(parseCheckpoint(`o\n9007199254740991\n${rootB64}\n`))).toBe('ok');
});

test('formatCheckpoint refuses what it could not parse back', () => {
  const ok = { origin: 'o', size: 1, rootHash: root };
  expect(() => formatCheckpoint({ ...ok, origin: '' })).toThrow(RangeError);
  expect(() => formatCheckpoint({ ...ok, origin: 'a\nb' })).toThrow(RangeError);
  expect(() => formatCheckpoint({ ...ok, size: -1 })).toThrow(RangeError);
  expect(() => formatCheckpoint({ ...ok, size: 2 ** 53 })).toThrow(RangeError);
  expect(() => formatCheckpoint({ ...ok, rootHash: new Uint8Array(31) })).toThrow(RangeError);
  expect(() => formatCheckpoint({ ...ok, extensions: [''] })).toThrow(RangeError);
  expect(() => formatCheckpoint({ ...ok, extensions: ['a\nb'] })).toThrow(RangeError);
});

test('a signed checkpoint survives the note round trip', () => {
  const { signer, verifier } = testKey('tanlian.example/shenzhen');
  const body = formatCheckpoint({ origin: 'tanlian.example/shenzhen', size: 7, rootHash: root });
  const note = verifyNote(signNote(body, signer), [verifier]);
  expect(note.ok).toBe(true);
  const parsed = note.ok ? parseCheckpoint(note.body) : note;
  expect(parsed.ok && parsed.checkpoint.size).toBe(7);
});
