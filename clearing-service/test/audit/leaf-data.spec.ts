import { canonicalJson, type CanonicalValue } from '@tanlian/sdk';
import { createHash } from 'node:crypto';
import { encodeLeaf, residentRef } from '../../src/audit/leaf-data';

// The leaf format is public: auditors and the mini-program verify these exact bytes. These pins were
// taken from the original encoder (sdk canonicalJson + createHmac per call) before it was optimised.
const salt = Buffer.from('5a'.repeat(16) + '01'.repeat(16), 'hex');

function creditLeafBody(
  residentId: number,
  district: string | null,
): { [key: string]: CanonicalValue } {
  return {
    type: 'reduction_credit',
    program: 'shenzhen',
    at: '2026-11-21T08:00:00.123Z',
    event: 'evt_000000000042',
    resident: residentRef(salt, residentId),
    reduction: {
      id: '17',
      mg: '467000',
      calculatedMg: '467000',
      methodology: 'SZ-METRO@1',
      methodologyHash: 'ab'.repeat(32),
      behaviour: 'metro',
      date: '2026-11-21',
      district,
    },
    points: { amount: '4', issuer: 'metro-qr', status: 'credited' },
    transaction: {
      id: '9',
      kind: 'issuance',
      reference: 'event:42',
      postings: [
        {
          account: '3',
          kind: 'mint',
          asset: 'points:metro-qr',
          owner: null,
          expiresOn: null,
          amount: '-4',
        },
        {
          account: '11',
          kind: 'resident',
          asset: 'points:metro-qr',
          owner: residentRef(salt, residentId),
          expiresOn: '2029-12-31',
          amount: '4',
        },
      ],
    },
  };
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('audit leaf data', () => {
  it('keeps the resident reference of a given salt and resident', () => {
    expect(residentRef(salt, 1)).toBe('r_bd96c5077eeb8f25b3ccc9bd8de69c89');
    expect(residentRef(salt, 30000)).toBe('r_3b1aa4f102b2a2d255c18bd8ed1a0169');
    // Another salt (another program) gives another reference for the same resident.
    expect(residentRef(Buffer.alloc(32, 7), 1)).not.toBe(residentRef(salt, 1));
  });

  it('keeps the bytes of a reduction credit leaf', () => {
    const leaf = encodeLeaf(creditLeafBody(1, '440305'));
    // Leaves are format 2 now (docs/private-log.md); the JSON after the version byte is encoded
    // exactly as before, so under byte 1 these bodies give the original pins.
    expect(leaf[0]).toBe(2);
    expect(leaf.subarray(1).toString('utf8')).toBe(canonicalJson(creditLeafBody(1, '440305')));
    const asFormatOne = (b: Buffer) => Buffer.concat([Buffer.from([1]), b.subarray(1)]);
    expect(sha256(asFormatOne(leaf))).toBe(
      '8c98e06f0db630f0eff129187524a31d8ca87e0f567738d9bad23e5aa185dd7d',
    );
    expect(sha256(asFormatOne(encodeLeaf(creditLeafBody(30000, null))))).toBe(
      'f0e5f1ea8a910cb461d2ec17224fcfb5b39b158f3fe07d3c092172a88aa9dd37',
    );
  });

  it('encodes any value exactly as the sdk canonical JSON does', () => {
    let seed = 0x7e57;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const strings = [
      '',
      'a',
      'Z',
      '碳联',
      '"q"',
      'back\\slash',
      'tab\t',
      '\u0001',
      '😀',
      'é',
      '\u2028',
    ];
    const value = (depth: number): CanonicalValue => {
      switch (depth > 2 ? rand(4) : rand(6)) {
        case 0:
          return strings[rand(strings.length)];
        case 1:
          return [-0, 0, 1, -7, Number.MAX_SAFE_INTEGER][rand(5)];
        case 2:
          return rand(3) === 0 ? null : rand(2) === 0;
        case 3:
          return String(rand(1000));
        case 4:
          return Array.from({ length: rand(4) }, () => value(depth + 1));
        default: {
          const o: { [key: string]: CanonicalValue | undefined } = {};
          for (let i = rand(6); i > 0; i--)
            o[strings[rand(strings.length)] + String(rand(3))] =
              rand(8) === 0 ? undefined : value(depth + 1);
          return o;
        }
      }
    };
    for (let i = 0; i < 500; i++) {
      const body = { v: value(0), ['\u00e9k']: value(1), Ab: value(1) };
      expect(encodeLeaf(body).subarray(1).toString('utf8')).toBe(canonicalJson(body));
    }
  });

  it('refuses what the sdk refuses, with the same message', () => {
    const messageOf = (f: () => unknown) => {
      try {
        f();
        return null;
      } catch (err) {
        return (err as Error).message;
      }
    };
    const bad: { [key: string]: CanonicalValue }[] = [
      { amount: 1.5 },
      { s: '\uD800' },
      { d: new Date(0) as unknown as string },
    ];
    for (const body of bad) {
      const expected = messageOf(() => canonicalJson(body));
      expect(expected).not.toBeNull();
      expect(messageOf(() => encodeLeaf(body))).toBe(expected);
    }
  });
});
