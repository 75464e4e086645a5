// The official Standard Webhooks test vectors, from the standard-webhooks/standard-webhooks
// repository: libraries/javascript/src/webhook.test.ts ("sign function works", v1) and
// libraries/go/webhook_asymmetric_test.go (TestAsymmetricWebhookSign, v1a; the Go library
// takes the key without its whsk_ prefix).
export const OFFICIAL = {
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  hmacSecret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  hmacSignature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
  ed25519SecretKey: 'whsk_VEVTVFNJR05JTkdLRVlET05PVFVTRVRISVNGT1JBTlk=',
  ed25519Signature:
    'v1a,tQ9V2XOqn7jL/DQenEFpqIugdBVtiMmER5mhSkXBNwM0mkATuDe6KYYUuxqtaiHeYGb7KaaBRdM5WqyeFiL8Ag==',
} as const;

// A carbon-inclusion event as a metro operator might push it, with Chinese text so the
// UTF-8 path is exercised.
export const METRO_EVENT_BODY = JSON.stringify({
  type: 'trip.completed',
  scheme: '深圳碳普惠',
  operator: '深圳地铁',
  data: { userRef: 'u_123', line: '1号线', from: '罗湖', to: '机场东', co2eGrams: 812 },
});

export const NOW = 1_760_000_000;
