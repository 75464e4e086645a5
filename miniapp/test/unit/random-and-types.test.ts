// Idempotency keys from WeChat's random source (wx.getRandomValues, callback style), Web Crypto
// on H5, and the generated API types kept in step with openapi.json.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { idempotencyKey, randomBytes } from '../../src/services/random';

afterEach(() => {
  delete (globalThis as { wx?: unknown }).wx;
});

test('the WeChat runtime’s source comes first', async () => {
  const calls: number[] = [];
  (globalThis as { wx?: unknown }).wx = {
    getRandomValues: ({
      length,
      success,
    }: {
      length: number;
      success: (r: { randomValues: ArrayBuffer }) => void;
    }) => {
      calls.push(length);
      success({ randomValues: new Uint8Array(length).fill(7).buffer });
    },
  };
  const { bytes, source } = await randomBytes(16);
  expect(source).toBe('wechat');
  expect(calls).toEqual([16]);
  expect([...bytes]).toEqual(new Array(16).fill(7));
  expect(await idempotencyKey()).toBe('07'.repeat(16));
});

test('a failing WeChat source falls back to Web Crypto', async () => {
  (globalThis as { wx?: unknown }).wx = {
    getRandomValues: ({ fail }: { fail: (e: unknown) => void }) => fail({ errMsg: 'no' }),
  };
  const { source, bytes } = await randomBytes(16);
  expect(source).toBe('web-crypto');
  expect(bytes).toHaveLength(16);
  const keys = new Set(await Promise.all(Array.from({ length: 50 }, () => idempotencyKey())));
  expect(keys.size).toBe(50);
  for (const k of keys) expect(k).toMatch(/^[0-9a-f]{32}$/);
});

test('api-types.ts is what openapi-typescript makes of the checked-in openapi.json', () => {
  const out = execFileSync(
    process.execPath,
    [join(__dirname, '../../scripts/api-types.mjs'), '--check'],
    { encoding: 'utf8' },
  );
  expect(out).toContain('up to date');
});
