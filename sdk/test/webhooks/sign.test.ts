import fc from 'fast-check';
import {
  generateEd25519KeyPair,
  generateHmacSecret,
  webhookPublicKeyFromSecret,
  signWebhook,
  verifyWebhook,
  WebhookKeyError,
} from '../../src/webhooks';
import { METRO_EVENT_BODY, NOW, OFFICIAL } from './fixtures';
import {
  fromBase64,
  nodeEd25519Sign,
  nodeEd25519Verify,
  nodeHmacSha256Base64,
} from './node-crypto';

const content = (id: string, timestamp: number, body: string | Uint8Array) =>
  new Uint8Array(Buffer.concat([Buffer.from(`${id}.${timestamp}.`), Buffer.from(body)]));

describe('signWebhook: official Standard Webhooks test vectors', () => {
  const { id, timestamp, body } = OFFICIAL;

  it('v1 (HMAC-SHA256)', () => {
    expect(signWebhook({ id, timestamp, body, keys: [OFFICIAL.hmacSecret] })).toEqual({
      'webhook-id': id,
      'webhook-timestamp': '1614265330',
      'webhook-signature': OFFICIAL.hmacSignature,
    });
  });

  it('v1a (Ed25519)', () => {
    const headers = signWebhook({ id, timestamp, body, keys: [OFFICIAL.ed25519SecretKey] });
    expect(headers['webhook-signature']).toBe(OFFICIAL.ed25519Signature);
  });

  it('both verify at their own timestamp', () => {
    const headers = {
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': `${OFFICIAL.hmacSignature} ${OFFICIAL.ed25519Signature}`,
    };
    const v1 = verifyWebhook({
      headers,
      body,
      nowSeconds: timestamp,
      keys: [{ keyId: 'hmac', key: OFFICIAL.hmacSecret }],
    });
    const v1a = verifyWebhook({
      headers,
      body,
      nowSeconds: timestamp,
      keys: [{ keyId: 'ed', key: webhookPublicKeyFromSecret(OFFICIAL.ed25519SecretKey) }],
    });
    expect(v1).toEqual({ ok: true, keyId: 'hmac', version: 'v1', id, timestamp });
    expect(v1a).toEqual({ ok: true, keyId: 'ed', version: 'v1a', id, timestamp });
  });
});

describe('signWebhook: cross-checked against node:crypto', () => {
  const messageId = fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/);
  const timestamp = fc.integer({ min: 0, max: 4_000_000_000 });
  const body = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.uint8Array({ maxLength: 200 }),
  );

  it('v1 equals Node HMAC-SHA256 for random secrets, ids, timestamps and bodies', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 24, maxLength: 64 }),
        messageId,
        timestamp,
        body,
        (secret, id, ts, payload) => {
          const key = 'whsec_' + Buffer.from(secret).toString('base64');
          const headers = signWebhook({ id, timestamp: ts, body: payload, keys: [key] });
          const expected = nodeHmacSha256Base64(secret, content(id, ts, payload));
          expect(headers['webhook-signature']).toBe(`v1,${expected}`);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('v1a signatures verify with Node Ed25519, and Node signatures equal ours', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        messageId,
        timestamp,
        body,
        (seed, id, ts, payload) => {
          const secretKey = 'whsk_' + Buffer.from(seed).toString('base64');
          const publicKey = fromBase64(webhookPublicKeyFromSecret(secretKey).slice('whpk_'.length));
          const signed = content(id, ts, payload);
          const header = signWebhook({ id, timestamp: ts, body: payload, keys: [secretKey] })[
            'webhook-signature'
          ];
          const signature = fromBase64(header.slice('v1a,'.length));
          expect(nodeEd25519Verify(publicKey, signed, signature)).toBe(true);
          // Ed25519 is deterministic, so both implementations must produce the same bytes.
          expect(signature).toEqual(nodeEd25519Sign(seed, signed));
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('signWebhook: keys and bodies', () => {
  it('adds one signature per key, in order, space separated', () => {
    const ed = generateEd25519KeyPair();
    const keys = [generateHmacSecret(), ed.secretKey, generateHmacSecret()];
    const header = signWebhook({ id: 'evt_1', timestamp: NOW, body: '{}', keys })[
      'webhook-signature'
    ];
    const entries = header.split(' ');
    expect(entries.map((entry) => entry.split(',')[0])).toEqual(['v1', 'v1a', 'v1']);
  });

  it('signs a UTF-8 Uint8Array body exactly like the same text as a string', () => {
    const keys = [generateHmacSecret(), generateEd25519KeyPair().secretKey];
    const asString = signWebhook({ id: 'evt_1', timestamp: NOW, body: METRO_EVENT_BODY, keys });
    const asBytes = signWebhook({
      id: 'evt_1',
      timestamp: NOW,
      body: new TextEncoder().encode(METRO_EVENT_BODY),
      keys,
    });
    const asBuffer = signWebhook({
      id: 'evt_1',
      timestamp: NOW,
      body: Buffer.from(METRO_EVENT_BODY),
      keys,
    });
    expect(asBytes).toEqual(asString);
    expect(asBuffer).toEqual(asString);
  });
});

describe('signWebhook: refuses to sign bad input', () => {
  const keys = [OFFICIAL.hmacSecret];

  it.each([
    ['an empty id', ''],
    ["an id with '.' (would make the signed content ambiguous)", 'evt.1'],
    ['an id with a space', 'evt 1'],
    ['a non-ASCII id', '事件1'],
    ['an id over 256 characters', 'e'.repeat(257)],
  ])('%s', (_name, id) => {
    expect(() => signWebhook({ id, timestamp: NOW, body: '{}', keys })).toThrow(RangeError);
  });

  it.each([[-1], [1.5], [Number.NaN], [Infinity], [2 ** 53]])('timestamp %p', (timestamp) => {
    expect(() => signWebhook({ id: 'evt_1', timestamp, body: '{}', keys })).toThrow(RangeError);
  });

  it('a body that is neither a string nor bytes', () => {
    const body = { type: 'trip' } as unknown as string;
    expect(() => signWebhook({ id: 'evt_1', timestamp: NOW, body, keys })).toThrow(RangeError);
  });

  it('no keys, a public key, or a malformed key', () => {
    const sign = (signingKeys: string[]) => () =>
      signWebhook({ id: 'evt_1', timestamp: NOW, body: '{}', keys: signingKeys });
    expect(sign([])).toThrow(WebhookKeyError);
    expect(sign([generateEd25519KeyPair().publicKey])).toThrow(WebhookKeyError);
    expect(sign(['whsec_???'])).toThrow(WebhookKeyError);
  });
});
