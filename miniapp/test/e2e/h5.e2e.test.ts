/**
 * @jest-environment node
 */
// End to end in Debian's Chromium: the H5 build, pinned to the checkpoint key the test gives the
// live service's worker, served by the service's app server (serveApp), against api + worker on
// a fresh database (real MariaDB and Redis). The test plays the operator (binding token, signed
// event pushes) and the merchant's POS (it reads the payment code from a screenshot of the QR,
// holds and captures with it). Screenshots go to miniapp/e2e-screenshots/ (README).
import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { formatVerifierKey, publicKeyFromSecret } from '../../../sdk/src/audit';
import { signWebhook } from '../../../sdk/src/webhooks';
import { freePort, LiveService, serveH5, type Credentials } from './live-service';

const ROOT = join(__dirname, '../..');
const BUILD = join(ROOT, 'dist/h5-e2e');
const SHOTS = join(ROOT, 'e2e-screenshots');
const KEY_NAME = 'tanlian-e2e';
const RESIDENT = 'e2e-resident';
const OPERATOR = 'shenzhen-metro';
const MERCHANT = 'green-cafe';

// A key for this test only (never a deployment's): fixed, so the pinned build is made once and
// reused while the key and the sources are unchanged.
const seed = createHash('sha256').update('tanlian-miniapp-e2e-checkpoint-key').digest();
const vkey = formatVerifierKey({
  name: KEY_NAME,
  publicKey: publicKeyFromSecret(new Uint8Array(seed)),
});

let service: LiveService;
let app: Server;
let context: BrowserContext;
let page: Page;
let appBase: string;
let creds: Credentials;
const pageErrors: string[] = [];

// The pinned H5 build takes minutes on a busy 2-core machine.
jest.setTimeout(900_000);

beforeAll(async () => {
  const port = await freePort(3);
  service = new LiveService(port, `${KEY_NAME}+${seed.toString('base64')}`);
  // The H5 build that pins this log's key, built while the service starts.
  const stamp = buildStamp();
  const fresh =
    existsSync(join(BUILD, 'index.html')) && readFileSafe(join(BUILD, 'build-stamp')) === stamp;
  if (!fresh) rmSync(BUILD, { recursive: true, force: true });
  const built = fresh
    ? Promise.resolve()
    : new Promise<void>((resolve, reject) => {
        execFile(
          process.execPath,
          [require.resolve('@tarojs/cli/bin/taro'), 'build', '--type', 'h5'],
          {
            cwd: ROOT,
            env: {
              ...process.env,
              TANLIAN_LOG_KEYS: vkey,
              TANLIAN_OUTPUT_ROOT: 'dist/h5-e2e',
              NODE_ENV: 'production',
            },
            maxBuffer: 64 * 1024 * 1024,
          },
          (err, _stdout, stderr) => {
            if (err)
              return reject(new Error(`the pinned H5 build failed: ${stderr || err.message}`));
            writeFileSync(join(BUILD, 'build-stamp'), stamp);
            resolve();
          },
        );
      });
  await Promise.all([service.ready(), built]);
  creds = service.credentials();
  const appPort = await freePort();
  app = await serveH5(BUILD, appPort, service.base, creds.program);
  appBase = `http://127.0.0.1:${appPort}`;
  mkdirSync(SHOTS, { recursive: true });
  context = await chromium.launchPersistentContext(
    join(tmpdir(), `tanlian-chromium-${randomUUID()}`),
    {
      executablePath: '/usr/bin/chromium',
      headless: true,
      viewport: { width: 414, height: 896 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  );
  page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

afterAll(async () => {
  await context?.close();
  await new Promise((r) => (app ? app.close(r) : r(undefined)));
  await service?.stop();
});

/** The key and every source file's time: a build older than either is made again. */
function buildStamp(): string {
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
      const p = join(dir, e.name);
      return Math.max(m, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
    }, 0);
  const sources = Math.max(
    newest(join(ROOT, 'src')),
    newest(join(ROOT, 'config')),
    newest(join(ROOT, '..', 'sdk', 'src')),
  );
  return `${vkey}\n${sources}`;
}

function readFileSafe(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

// ---- the test's other parties, through the API -------------------------------------------------

async function api<T>(
  method: string,
  path: string,
  token: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${service.base}/v1/programs/${creds.program}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

async function pushMetroRide(user: string, id: string, minutesAgo: number, distanceM: number) {
  const start = Date.now() - minutesAgo * 60_000;
  const event = {
    id,
    user,
    behaviour: 'metro',
    startedAt: new Date(start).toISOString(),
    endedAt: new Date(start + 25 * 60_000).toISOString(),
    activity: { distanceM },
  };
  const body = JSON.stringify(event);
  const headers = signWebhook({
    id: `msg_${id}`,
    timestamp: Math.floor(Date.now() / 1000),
    body,
    keys: [creds.webhookSecrets[OPERATOR].secret],
  });
  const res = await fetch(
    `${service.base}/v1/programs/${creds.program}/operators/${OPERATOR}/events`,
    {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body,
    },
  );
  expect(res.status).toBeLessThan(300);
}

type Account = {
  points: { balance: string };
  history: { status: string; receipt: unknown; points: string | null }[];
};

async function residentToken(): Promise<string> {
  const res = await fetch(`${service.base}/v1/programs/${creds.program}/residents/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: `dev:${RESIDENT}` }),
  });
  return ((await res.json()) as { token: string }).token;
}

async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  ms = 60_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

// ---- the browser ------------------------------------------------------------------------------

/** Opens a screen afresh (a full load: Taro H5 keeps tab pages alive across hash changes). */
async function open(route: string) {
  await page.goto(`${appBase}/#/${route}`);
  await page.reload();
  await page.waitForLoadState('networkidle');
}

/** Waits for `text` to be visible inside the viewport (Taro H5 slides pages in), then a beat. */
async function see(text: string | RegExp, timeout = 30_000) {
  const locator = page.getByText(text).first();
  await locator.waitFor({ state: 'visible', timeout });
  await page.waitForFunction(
    (el) => {
      const r = (el as Element).getBoundingClientRect();
      return r.left >= 0 && r.right <= window.innerWidth + 1;
    },
    await locator.elementHandle(),
    { timeout },
  );
  await page.waitForTimeout(400);
  return locator;
}

async function tap(label: string) {
  await page.locator(`taro-button-core[aria-label="${label}"]:visible`).first().click();
}

async function shot(name: string) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** The POS's scanner: the QR read from a screenshot's pixels (decoded by the browser's PNG decoder). */
async function scanQr(png: Buffer): Promise<string> {
  const reader = await context.newPage();
  const { width, height, data } = await reader.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.width;
    canvas.height = img.height;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const pixels = ctx.getImageData(0, 0, img.width, img.height);
    return { width: img.width, height: img.height, data: Array.from(pixels.data) };
  }, png.toString('base64'));
  await reader.close();
  const found = jsQR(new Uint8ClampedArray(data), width, height);
  if (!found) throw new Error('no QR code in the screenshot');
  return found.data;
}

test('a resident signs in, binds, sees credited records, verifies them, checks the account, buys an offer and pays by QR', async () => {
  expect(existsSync(join(BUILD, 'index.html'))).toBe(true);

  // sign in with the development sign-in carried in the URL (the build's config enables it)
  await page.goto(`${appBase}/#/pages/home/index?signin=dev:${RESIDENT}`);
  await see('积分余额');
  await shot('01-home-empty');

  // bind: the operator issues a token for its user; the resident agrees to the privacy policy and binds
  const user = `e2e-${randomUUID().slice(0, 8)}`;
  const issued = await api<{ token: string }>(
    'POST',
    `/participants/${OPERATOR}/binding-tokens`,
    creds.tokens[OPERATOR],
    { user },
  );
  expect(issued.status).toBe(201);
  await open('pages/me/index');
  await see('还没有绑定账户');
  await tap('同意并继续');
  await see('已同意隐私政策');
  await shot('02-me-consent');
  await tap('扫码绑定账户');
  await see('或粘贴绑定码');
  await page.locator('taro-input-core input').fill(issued.body.token);
  await tap('绑定');
  await see(`✓ 已绑定 ${OPERATOR}`);
  await shot('03-bind');

  // the operator pushes signed events; they are credited and sealed into the log
  await pushMetroRide(user, `e2e-${user}-1`, 150, 12_300);
  await pushMetroRide(user, `e2e-${user}-2`, 90, 8_000);
  const token = await residentToken();
  const credited = await eventually('two credited records with receipts', async () => {
    const a = await api<Account>('GET', '/residents/me/account', token);
    const done = a.body.history.filter((r) => r.status === 'credited' && r.receipt !== null);
    return done.length === 2 ? a.body : undefined;
  });
  let balance = Number(credited.points.balance);
  expect(balance).toBeGreaterThan(0);

  await open('pages/home/index');
  await see(String(balance.toLocaleString('en')));
  await see('今日减排');
  await shot('04-home');

  // 记录: the records, credited, with their formula; 验证 ✓ against the pinned key
  await open('pages/records/index');
  await see('计算：12300 m × ', 30_000);
  await shot('05-records');
  await page.locator('taro-button-core.verify:visible').first().click();
  await see('✓ 已验证：这条记录在审计日志中');
  await see(/签名：tanlian-e2e/);
  await shot('06-verify-ok');

  // a tampered receipt (another leaf's hash where this record's belongs) fails, naming the step
  const real = await api<{ history: { receipt: { leafIndex: number; leafHash: string } }[] }>(
    'GET',
    '/residents/me/account',
    token,
  );
  await page.route('**/residents/me/account**', async (route) => {
    const res = await route.fetch();
    const body = (await res.json()) as typeof real.body;
    body.history[0].receipt.leafHash = real.body.history[1].receipt.leafHash;
    await route.fulfill({ response: res, body: JSON.stringify(body) });
  });
  await open('pages/records/index');
  await see('计算：12300 m × ', 30_000);
  await page.locator('taro-button-core.verify:visible').first().click();
  await see('✗ 验证失败：包含证明');
  await shot('07-verify-tampered');
  await page.unroute('**/residents/me/account**');

  // 账户完整性: verifyAccount over every entry
  await open('pkg-verify/pages/account/index');
  await tap('开始检查');
  await see(/✓ 完整：\d+ 条账目全部在日志中/);
  await shot('08-account-check');

  // 关于审计
  await open('pkg-verify/pages/about/index');
  await see(/内置公钥指纹：tanlian-e2e\+/);
  await shot('09-about');

  // 兑换: the merchant lists an offer (one a day per resident); the resident buys it, sees which
  // lots paid, and the merchant hands it over (captures the purchase's hold by its number)
  const offerPrice = 5;
  const listed = await api('POST', `/participants/${MERCHANT}/offers`, creds.tokens[MERCHANT], {
    code: 'e2e-bag',
    title: '环保购物袋',
    pricePoints: offerPrice,
    stock: 5,
    limitPerResidentPerDay: 1,
    validFrom: new Date(Date.now() - 60_000).toISOString(),
    validUntil: new Date(Date.now() + 86_400_000).toISOString(),
  });
  expect(listed.status).toBe(201);
  await open('pages/shop/index');
  await see('积分只能在商户兑换使用，不能转给他人');
  await see('环保购物袋');
  await shot('10-shop');
  await tap('兑换 环保购物袋');
  await see(/用 5 积分兑换「环保购物袋」/);
  await tap('确认兑换');
  await see('已冻结，等待商户交付');
  await see(`${OPERATOR} · `);
  const shown = await see(/到店请出示兑换编号：rd_/);
  const redemptionId = (await shown.textContent())!.split('：')[1].trim();
  await shot('10a-bought');
  const handed = await api<{ status: string; capturedPoints: number }>(
    'POST',
    `/participants/${MERCHANT}/redemptions/${redemptionId}/capture`,
    creds.tokens[MERCHANT],
    {},
    { 'idempotency-key': randomUUID() },
  );
  expect(handed.body).toMatchObject({ status: 'captured', capturedPoints: offerPrice });
  await see('✓ 商户已交付，积分已扣除', 15_000);
  await see(new RegExp(`${OPERATOR} · .* 到期 · 冻结 5 · 扣除 5`));
  await shot('10b-bought-captured');
  // a second one today is over the offer's daily limit, said plainly
  await open('pages/shop/index');
  await tap('兑换 环保购物袋');
  await tap('确认兑换');
  await see('今天兑换这个商品的次数已达上限，明天再来');
  await shot('10c-buy-limit');
  await open('pkg-redeem/pages/history/index');
  await see('✓ 商户已交付，积分已扣除');
  await shot('10d-redemptions');
  balance -= offerPrice;

  // the payment code; the POS reads it from a screenshot, holds and captures
  await open('pages/shop/index');
  await see('积分只能在商户兑换使用，不能转给他人');
  await tap('出示付款码');
  await see(/请商户扫描此码/);
  const qr = page.locator('.qr');
  await qr.waitFor({ state: 'visible' });
  await shot('11-pay-code');
  const code = await scanQr(await qr.screenshot());
  expect(code).toMatch(/^RC[A-Z2-7]{32}$/);
  const price = Math.min(30, balance);
  const hold = await api<{ id: string; heldPoints: number }>(
    'POST',
    `/participants/${MERCHANT}/redemptions`,
    creds.tokens[MERCHANT],
    { code, points: price },
    { 'idempotency-key': randomUUID() },
  );
  expect(hold.status).toBe(201);
  await see('商户已扫码，正在等待确认');
  const capture = await api<{ status: string; capturedPoints: number }>(
    'POST',
    `/participants/${MERCHANT}/redemptions/${hold.body.id}/capture`,
    creds.tokens[MERCHANT],
    {},
    { 'idempotency-key': randomUUID() },
  );
  expect(capture.status).toBe(200);
  expect(capture.body).toMatchObject({ status: 'captured', capturedPoints: price });
  await see(`积分余额：${(balance - price).toLocaleString('en')}`);
  await shot('12-pay-used');

  // the balance dropped by exactly the captured points
  await open('pages/home/index');
  await see((balance - price).toLocaleString('en'));
  await shot('13-home-after');
  const after = await api<Account>('GET', '/residents/me/account', token);
  expect(Number(after.body.points.balance)).toBe(balance - price);

  expect(pageErrors).toEqual([]);
});
