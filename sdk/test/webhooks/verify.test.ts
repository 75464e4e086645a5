import {
  generateEd25519KeyPair,
  generateHmacSecret,
  IncomingHeaders,
  MAX_SIGNATURES_EXAMINED,
  signWebhook,
  TrustedKey,
  verifyWebhook,
  VerifyWebhookInput,
  WebhookHeaders,
} from '../../src/webhooks';
import { METRO_EVENT_BODY, NOW } from './fixtures';

const hmacKey = generateHmacSecret();
const edKey = generateEd25519KeyPair();
const trusted: TrustedKey[] = [
  { keyId: 'metro-hmac-2025', key: hmacKey },
  { keyId: 'metro-ed-2025', key: edKey.publicKey },
];

function signed(overrides: Partial<Parameters<typeof signWebhook>[0]> = {}): WebhookHeaders {
  return signWebhook({
    id: 'evt_2KWPBgLlAfxdpx2AI54pPJ85f4W',
    timestamp: NOW,
    body: METRO_EVENT_BODY,
    keys: [hmacKey],
    ...overrides,
  });
}

function verify(headers: IncomingHeaders, overrides: Partial<VerifyWebhookInput> = {}) {
  return verifyWebhook({
    headers,
    body: METRO_EVENT_BODY,
    keys: trusted,
    nowSeconds: NOW,
    ...overrides,
  });
}

describe('verifyWebhook: valid webhooks', () => {
  it('accepts v1 and reports the key, version, id and timestamp', () => {
    expect(verify(signed())).toEqual({
      ok: true,
      keyId: 'metro-hmac-2025',
      version: 'v1',
      id: 'evt_2KWPBgLlAfxdpx2AI54pPJ85f4W',
      timestamp: NOW,
    });
  });

  it('accepts v1a (Ed25519) signed with the secret key and checked with the public key', () => {
    const result = verify(signed({ keys: [edKey.secretKey] }));
    expect(result).toMatchObject({ ok: true, keyId: 'metro-ed-2025', version: 'v1a' });
  });

  it('finds header names in any case', () => {
    const headers = signed();
    const result = verify({
      'Webhook-Id': headers['webhook-id'],
      'WEBHOOK-TIMESTAMP': headers['webhook-timestamp'],
      'wEbHoOk-SiGnAtUrE': headers['webhook-signature'],
      'Content-Type': 'application/json',
    });
    expect(result.ok).toBe(true);
  });

  it('reads a signature list split across repeated header values', () => {
    const other = generateHmacSecret();
    const headers = signed({ keys: [other, hmacKey] });
    const [first, second] = headers['webhook-signature'].split(' ');
    expect(verify({ ...headers, 'webhook-signature': [first, second] }).ok).toBe(true);
  });

  it('ignores signatures of unknown versions, as the spec requires', () => {
    const headers = signed();
    const header = `v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v0,xyz ${headers['webhook-signature']}`;
    expect(verify({ ...headers, 'webhook-signature': header }).ok).toBe(true);
    const onlyUnknown = 'v2,' + headers['webhook-signature'].slice(3);
    expect(verify({ ...headers, 'webhook-signature': onlyUnknown })).toMatchObject({
      ok: false,
      reason: 'no_matching_signature',
    });
  });

  it('verifies a Uint8Array body with Chinese text the same as the string body', () => {
    const fromString = signed({ keys: [hmacKey, edKey.secretKey] });
    const bytes = new TextEncoder().encode(METRO_EVENT_BODY);
    expect(bytes.length).toBeGreaterThan(METRO_EVENT_BODY.length); // really multi-byte
    expect(verify(fromString, { body: bytes }).ok).toBe(true);
    expect(verify(fromString, { body: Buffer.from(METRO_EVENT_BODY, 'utf8') }).ok).toBe(true);
    const fromBytes = signed({ body: bytes });
    expect(fromBytes).toEqual(signed());
    expect(verify(fromBytes).ok).toBe(true);
  });
});

describe('verifyWebhook: key rotation', () => {
  const oldKey = generateHmacSecret();
  const newKey = generateHmacSecret();
  const both: TrustedKey[] = [
    { keyId: 'old', key: oldKey },
    { keyId: 'new', key: newKey },
  ];

  it('passes with either live key, and reports which one matched', () => {
    expect(verify(signed({ keys: [oldKey] }), { keys: both })).toMatchObject({
      ok: true,
      keyId: 'old',
    });
    expect(verify(signed({ keys: [newKey] }), { keys: both })).toMatchObject({
      ok: true,
      keyId: 'new',
    });
  });

  it('passes when the sender signs with both keys and the receiver knows only one', () => {
    const headers = signed({ keys: [oldKey, newKey] });
    expect(verify(headers, { keys: [{ keyId: 'new', key: newKey }] })).toMatchObject({
      ok: true,
      keyId: 'new',
    });
    expect(verify(headers, { keys: [{ keyId: 'old', key: oldKey }] })).toMatchObject({
      ok: true,
      keyId: 'old',
    });
  });

  it('fails once the signing key has been removed', () => {
    const result = verify(signed({ keys: [oldKey] }), { keys: [{ keyId: 'new', key: newKey }] });
    expect(result).toMatchObject({ ok: false, reason: 'no_matching_signature' });
  });

  it('mixes v1 and v1a keys', () => {
    const ed = generateEd25519KeyPair();
    const keys: TrustedKey[] = [
      { keyId: 'old-hmac', key: oldKey },
      { keyId: 'new-ed', key: ed.publicKey },
    ];
    expect(verify(signed({ keys: [ed.secretKey] }), { keys })).toMatchObject({
      ok: true,
      keyId: 'new-ed',
    });
    expect(verify(signed({ keys: [oldKey] }), { keys })).toMatchObject({
      ok: true,
      keyId: 'old-hmac',
    });
  });
});

describe('verifyWebhook: timestamp tolerance (default 300 s, inclusive)', () => {
  it.each([
    [-300, true, undefined],
    [-301, false, 'timestamp_too_old'],
    [300, true, undefined],
    [301, false, 'timestamp_in_future'],
  ])('timestamp %p s from now: ok=%p', (offset, ok, reason) => {
    const result = verify(signed({ timestamp: NOW + offset }));
    expect(result.ok).toBe(ok);
    if (!result.ok) expect(result.reason).toBe(reason);
  });

  it('honours a custom tolerance', () => {
    const headers = signed({ timestamp: NOW - 10 });
    expect(verify(headers, { toleranceSeconds: 10 }).ok).toBe(true);
    expect(verify(headers, { toleranceSeconds: 9 })).toMatchObject({ reason: 'timestamp_too_old' });
    expect(verify(signed(), { toleranceSeconds: 0 }).ok).toBe(true);
  });

  it('accepts a fractional nowSeconds', () => {
    expect(verify(signed({ timestamp: NOW - 300 }), { nowSeconds: NOW }).ok).toBe(true);
    expect(verify(signed({ timestamp: NOW - 300 }), { nowSeconds: NOW + 0.5 }).ok).toBe(false);
  });
});

describe('verifyWebhook: tampering', () => {
  it('fails when the body changes by one byte', () => {
    const tampered = METRO_EVENT_BODY.replace('"co2eGrams":812', '"co2eGrams":912');
    expect(tampered).not.toBe(METRO_EVENT_BODY);
    expect(verify(signed(), { body: tampered })).toMatchObject({ reason: 'no_matching_signature' });
    const v1a = signed({ keys: [edKey.secretKey] });
    expect(verify(v1a, { body: tampered })).toMatchObject({ reason: 'no_matching_signature' });
  });

  it('fails when the id or the timestamp is changed', () => {
    for (const keys of [[hmacKey], [edKey.secretKey]]) {
      const headers = signed({ keys });
      expect(verify({ ...headers, 'webhook-id': 'evt_other' })).toMatchObject({
        reason: 'no_matching_signature',
      });
      expect(verify({ ...headers, 'webhook-timestamp': String(NOW + 1) })).toMatchObject({
        reason: 'no_matching_signature',
      });
    }
  });

  it('fails when a v1a signature is relabelled v1 or a v1 one v1a', () => {
    const v1a = signed({ keys: [edKey.secretKey] });
    const relabelled = 'v1,' + v1a['webhook-signature'].slice('v1a,'.length);
    expect(verify({ ...v1a, 'webhook-signature': relabelled })).toMatchObject({
      reason: 'no_matching_signature',
    });
    const v1 = signed();
    const relabelledV1 = 'v1a,' + v1['webhook-signature'].slice('v1,'.length);
    expect(verify({ ...v1, 'webhook-signature': relabelledV1 })).toMatchObject({
      reason: 'no_matching_signature',
    });
  });

  it.each([
    ['a wrong signature', 'v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc='],
    ['a short signature', 'v1,dawfeoifkpqwoekfpqoekf'],
    ['a truncated signature', signed()['webhook-signature'].slice(0, 20)],
    ['a v1a signature of zeros', 'v1a,' + 'A'.repeat(86) + '=='],
  ])('fails with %s', (_name, signature) => {
    expect(verify({ ...signed(), 'webhook-signature': signature })).toMatchObject({
      ok: false,
      reason: 'no_matching_signature',
    });
  });
});

describe('verifyWebhook: hostile signature headers', () => {
  const garbage = (count: number) =>
    Array.from({ length: count }, (_, i) => `v1,${Buffer.alloc(32, i).toString('base64')}`);

  it(`examines only the first ${MAX_SIGNATURES_EXAMINED} entries`, () => {
    const headers = signed();
    const valid = headers['webhook-signature'];
    const within = [...garbage(MAX_SIGNATURES_EXAMINED - 1), valid].join(' ');
    const beyond = [...garbage(MAX_SIGNATURES_EXAMINED), valid].join(' ');
    expect(verify({ ...headers, 'webhook-signature': within }).ok).toBe(true);
    expect(verify({ ...headers, 'webhook-signature': beyond })).toMatchObject({
      reason: 'no_matching_signature',
    });
  });

  it('stays fast on a header with thousands of garbage entries', () => {
    const headers = signed({ keys: [edKey.secretKey] });
    const junk = [
      ...garbage(5000),
      ...Array.from({ length: 5000 }, () => 'v1a,' + 'A'.repeat(86) + '=='),
      'x'.repeat(100_000),
      ',,,, , ,v1, ,v1a',
    ].join('  ');
    const started = performance.now();
    const result = verify({ ...headers, 'webhook-signature': junk });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(result).toMatchObject({ ok: false, reason: 'no_matching_signature' });
  });

  it.each([
    ['no comma', 'v1', 'malformed_signature'],
    ['no version', ',abc', 'malformed_signature'],
    ['no signature', 'v1,', 'malformed_signature'],
    ['only junk tokens', 'foo bar, baz', 'malformed_signature'],
    ['only separators', ' \t ', 'missing_header'],
  ])('reports %s (%j) as %s', (_name, value, reason) => {
    expect(verify({ ...signed(), 'webhook-signature': value })).toMatchObject({
      ok: false,
      reason,
    });
  });
});

describe('verifyWebhook: malformed headers', () => {
  it.each([['webhook-id'], ['webhook-timestamp'], ['webhook-signature']] as const)(
    'names the missing header %s',
    (name) => {
      const headers: Record<string, string> = { ...signed() };
      delete headers[name];
      const result = verify(headers);
      expect(result).toMatchObject({ ok: false, reason: 'missing_header' });
      if (!result.ok) expect(result.message).toContain(name);
    },
  );

  it('names every missing header, treating empty and undefined values as missing', () => {
    const result = verify({
      'webhook-id': '',
      'webhook-timestamp': undefined,
      'webhook-signature': [],
    });
    expect(result).toMatchObject({ reason: 'missing_header' });
    if (!result.ok) {
      expect(result.message).toContain('webhook-id');
      expect(result.message).toContain('webhook-timestamp');
      expect(result.message).toContain('webhook-signature');
    }
  });

  it('refuses a repeated webhook-id or webhook-timestamp', () => {
    const headers = signed();
    expect(verify({ ...headers, 'webhook-id': [headers['webhook-id'], 'evt_2'] })).toMatchObject({
      reason: 'ambiguous_header',
    });
    expect(verify({ ...headers, 'Webhook-Timestamp': String(NOW) })).toMatchObject({
      reason: 'ambiguous_header',
    });
  });

  it.each([
    ['hello'],
    ['1614265330.5'],
    ['-5'],
    ['+1760000000'],
    ['01760000000'],
    ['1.76e9'],
    ['0x68e1e100'],
    ['99999999999999999999'],
    ['１７６００００００００'], // full-width digits
  ])('refuses timestamp %p as malformed_timestamp', (timestamp) => {
    expect(verify({ ...signed(), 'webhook-timestamp': timestamp })).toMatchObject({
      reason: 'malformed_timestamp',
    });
  });

  it.each([
    ["with '.'", 'evt.1'],
    ['with an inner space', 'evt 1'],
    ['non-ASCII', '事件'],
    ['over 256 characters', 'e'.repeat(257)],
  ])('refuses an id %s as malformed_id', (_name, id) => {
    expect(verify({ ...signed(), 'webhook-id': id })).toMatchObject({ reason: 'malformed_id' });
  });
});

describe('verifyWebhook: configuration and caller errors', () => {
  it('reports no_keys for an empty key list', () => {
    expect(verify(signed(), { keys: [] })).toMatchObject({ ok: false, reason: 'no_keys' });
  });

  it('reports invalid_key naming the keyId, never the key', () => {
    const cases: TrustedKey[] = [
      { keyId: 'ed-secret', key: edKey.secretKey },
      { keyId: 'short', key: 'whsec_' + Buffer.alloc(8, 1).toString('base64') },
      { keyId: 'junk', key: 'sk_live_Zm9vYmFyYmF6' },
    ];
    for (const bad of cases) {
      const result = verify(signed(), { keys: [...trusted, bad] });
      expect(result).toMatchObject({ ok: false, reason: 'invalid_key' });
      if (!result.ok) {
        expect(result.message).toContain(bad.keyId);
        expect(result.message).not.toContain(bad.key.replace(/^wh[a-z]+_/, ''));
      }
    }
  });

  it('reports invalid_options for bad nowSeconds, tolerance or body', () => {
    const headers = signed();
    expect(verify(headers, { nowSeconds: Number.NaN })).toMatchObject({
      reason: 'invalid_options',
    });
    expect(verify(headers, { toleranceSeconds: -1 })).toMatchObject({ reason: 'invalid_options' });
    expect(verify(headers, { toleranceSeconds: Infinity })).toMatchObject({
      reason: 'invalid_options',
    });
    const body = { parsed: 'json' } as unknown as string;
    expect(verify(headers, { body })).toMatchObject({ reason: 'invalid_options' });
  });

  it('fails closed when nowSeconds is given in milliseconds by mistake', () => {
    const result = verify(signed(), { nowSeconds: NOW * 1000 });
    expect(result).toMatchObject({ ok: false, reason: 'timestamp_too_old' });
  });
});
