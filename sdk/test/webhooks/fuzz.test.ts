// verifyWebhook faces the internet: whatever arrives, it must answer, not throw.
import fc from 'fast-check';
import {
  generateEd25519KeyPair,
  generateHmacSecret,
  signWebhook,
  verifyWebhook,
  WebhookRejectionReason,
} from '../../src/webhooks';
import { NOW } from './fixtures';

const REASONS: readonly WebhookRejectionReason[] = [
  'no_keys',
  'invalid_key',
  'invalid_options',
  'missing_header',
  'ambiguous_header',
  'malformed_id',
  'malformed_timestamp',
  'timestamp_too_old',
  'timestamp_in_future',
  'malformed_signature',
  'no_matching_signature',
];

const hmacKey = generateHmacSecret();
const edKey = generateEd25519KeyPair();
const keys = [
  { keyId: 'hmac', key: hmacKey },
  { keyId: 'ed', key: edKey.publicKey },
];
const body = '{"type":"ride.completed","co2eGrams":120}';
const valid = signWebhook({ id: 'evt_1', timestamp: NOW, body, keys: [hmacKey, edKey.secretKey] });

function expectWellFormed(result: ReturnType<typeof verifyWebhook>): void {
  if (result.ok) {
    expect(['hmac', 'ed']).toContain(result.keyId);
  } else {
    expect(REASONS).toContain(result.reason);
    expect(typeof result.message).toBe('string');
  }
}

const headerName = fc.oneof(
  fc.constantFrom('webhook-id', 'webhook-timestamp', 'webhook-signature'),
  fc.constantFrom('Webhook-Id', 'WEBHOOK-TIMESTAMP', 'Webhook-Signature', 'content-type'),
  fc.string({ maxLength: 20 }),
);
const headerText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 120 }),
  fc.constantFrom(...Object.values(valid)),
  fc.stringMatching(/^(v1a?|v2|)(,[A-Za-z0-9+/=]{0,90})?( (v1a?|v2)(,[A-Za-z0-9+/=]{0,90})?)*$/),
  fc.integer().map(String),
);
const headerValue = fc.oneof(
  headerText,
  fc.array(headerText, { maxLength: 3 }),
  fc.constant(undefined),
  fc.anything(), // the type says otherwise; hostile adapters may not care
);
const anyBody = fc.oneof(fc.string(), fc.uint8Array(), fc.constant(body), fc.anything());

describe('verifyWebhook never throws', () => {
  it('on arbitrary header records and bodies', () => {
    fc.assert(
      fc.property(
        fc.dictionary(headerName, headerValue, { maxKeys: 6 }),
        anyBody,
        (headers, payload) => {
          const result = verifyWebhook({
            headers: headers as Record<string, string>,
            body: payload as string,
            keys,
            nowSeconds: NOW,
          });
          expectWellFormed(result);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('on single-character mutations of a valid request, and never accepts a changed one', () => {
    const names = Object.keys(valid) as Array<keyof typeof valid>;
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        fc.nat(),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
        (name, position, replacement) => {
          const original = valid[name];
          const at = position % original.length;
          const mutated = original.slice(0, at) + replacement + original.slice(at + 1);
          const result = verifyWebhook({
            headers: { ...valid, [name]: mutated },
            body,
            keys,
            nowSeconds: NOW,
          });
          expectWellFormed(result);
          // Changing a separator inside the signature list, or a character of a signature
          // entry that is not the one that matched, may leave it valid; nothing else may.
          if (result.ok && name !== 'webhook-signature') expect(mutated.trim()).toBe(original);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('on garbage options', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.anything(), (keyList, now, tolerance) => {
        const result = verifyWebhook({
          headers: valid,
          body,
          keys: keyList as typeof keys,
          nowSeconds: now as number,
          toleranceSeconds: tolerance as number,
        });
        expectWellFormed(result);
      }),
      { numRuns: 1000 },
    );
    expect(verifyWebhook(null as unknown as Parameters<typeof verifyWebhook>[0])).toMatchObject({
      ok: false,
      reason: 'invalid_options',
    });
  });
});
