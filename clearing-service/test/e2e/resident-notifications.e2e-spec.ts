import { NotificationSender } from '../../src/notifications/services/notification-sender';
import { DevSubscribeMessageProvider } from '../../src/notifications/subscribe-message/dev-subscribe-message-provider';
import { SUBSCRIBE_MESSAGE_PROVIDER } from '../../src/notifications/subscribe-message/subscribe-message-provider';
import { ShopEnv } from '../support/shop-env';
import { bearer } from '../support/test-app';

// Subscribe messages on a live api + worker (real MariaDB and Redis): residents record what they
// allowed; the worker tells a capture's result and a lot's coming expiry only to residents who
// subscribed, once each, through the development provider (which records the sends).
let shop: ShopEnv;
let mei: string;
let lin: string;

beforeAll(async () => {
  // The sender is run by the test (its timer would race it).
  shop = await ShopEnv.start('miniapp_notify', { NOTIFY_INTERVAL_MS: '3600000' });
  await shop.cafe();
  await shop.offer('bag', { pricePoints: 2 });
  mei = await shop.resident('mei', 2);
  lin = await shop.resident('lin', 2);
});

afterAll(async () => {
  await shop?.env.stop();
});

const sender = () => shop.env.worker!.get(NotificationSender);
const sent = () =>
  (shop.env.worker!.get(SUBSCRIBE_MESSAGE_PROVIDER) as DevSubscribeMessageProvider).sent;
const subscriptions = (token: string) =>
  shop.env.api.http().get(`${shop.base}/residents/me/subscriptions`).set(bearer(token));
const answer = (token: string, body: object) =>
  shop.env.api.http().put(`${shop.base}/residents/me/subscriptions`).set(bearer(token)).send(body);
const openid = async (user: string) =>
  (
    await shop.env.db.query('SELECT wechat_openid FROM residents WHERE wechat_openid = ?', [
      `wx-${user}`,
    ])
  )[0].wechat_openid as string;

async function buyAndCapture(token: string, key: string): Promise<string> {
  const bought = await shop.buy(token, key, { merchant: 'cafe', offer: 'bag' }).expect(201);
  await shop.env.api
    .http()
    .post(`${shop.base}/participants/cafe/redemptions/${bought.body.id}/capture`)
    .set(bearer(shop.cafeToken))
    .set('idempotency-key', `cap-${key}`)
    .send({})
    .expect(200);
  return bought.body.id as string;
}

it('lists both topics with their templates; each acceptance adds a message, false unsubscribes', async () => {
  const before = await subscriptions(lin).expect(200);
  expect(before.body.topics).toEqual([
    {
      topic: 'redemption_result',
      subscribed: false,
      remaining: 0,
      templateId: 'dev-redemption-result',
    },
    {
      topic: 'expiry_reminder',
      subscribed: false,
      remaining: 0,
      templateId: 'dev-expiry-reminder',
    },
  ]);
  await answer(lin, { topic: 'expiry_reminder', accepted: true }).expect(200);
  const twice = await answer(lin, { topic: 'expiry_reminder', accepted: true }).expect(200);
  expect(twice.body.topics[1]).toMatchObject({ subscribed: true, remaining: 2 });
  const off = await answer(lin, { topic: 'expiry_reminder', accepted: false }).expect(200);
  expect(off.body.topics[1]).toMatchObject({ subscribed: false, remaining: 0 });
  const bad = await answer(lin, { topic: 'weather', accepted: true }).expect(422);
  expect(bad.body.errors[0].field).toBe('topic');
  await subscriptions('rs_0000000000000000.' + 'x'.repeat(43)).expect(401);
});

it('tells a capture only to the resident who subscribed, once', async () => {
  await answer(mei, { topic: 'redemption_result', accepted: true }).expect(200);
  const meis = await buyAndCapture(mei, 'mei-1');
  await buyAndCapture(lin, 'lin-1');
  expect(await sender().runOnce()).toBe(1);
  expect(sent()).toEqual([
    {
      toOpenid: await openid('mei'),
      topic: 'redemption_result',
      page: `pkg-redeem/pages/redemption/index?id=${meis}`,
      data: { thing1: 'bag title', number2: '2', thing3: 'cafe' },
    },
  ]);
  expect(await sender().runOnce()).toBe(0);
  // the acceptance is spent: a second capture is not told until the app asks again
  await buyAndCapture(mei, 'mei-2');
  expect(await sender().runOnce()).toBe(0);
  const after = await subscriptions(mei).expect(200);
  expect(after.body.topics[0]).toMatchObject({ subscribed: true, remaining: 0 });
});

it('reminds a subscribed resident of a lot expiring within the days set, once per lot', async () => {
  sent().length = 0;
  await answer(mei, { topic: 'expiry_reminder', accepted: true }).expect(200);
  await answer(mei, { topic: 'expiry_reminder', accepted: true }).expect(200);
  const [lot]: { id: string; expires_on: string; balance: string }[] = await shop.env.db.query(
    `SELECT CAST(a.id AS CHAR) AS id, DATE_FORMAT(a.expires_on, '%Y-%m-%d') AS expires_on,
            CAST(a.balance AS CHAR) AS balance
       FROM ledger_accounts a JOIN residents r ON r.id = a.owner_id
      WHERE a.kind = 'resident' AND r.wechat_openid = 'wx-mei' AND a.balance > 0`,
  );
  const daysBefore = (n: number) =>
    new Date(Date.parse(`${lot.expires_on}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
  expect(await sender().runOnce(daysBefore(10))).toBe(0); // 7 days by default
  expect(await sender().runOnce(daysBefore(3))).toBe(1);
  expect(sent()).toEqual([
    {
      toOpenid: await openid('mei'),
      topic: 'expiry_reminder',
      page: 'pages/home/index',
      data: { number1: lot.balance, date2: lot.expires_on, thing3: 'metro' },
    },
  ]);
  // once per lot, though an acceptance is left; lin (unsubscribed) holds lots too and hears nothing
  expect(await sender().runOnce(daysBefore(2))).toBe(0);
  const rows: { topic: string; about: string; outcome: string }[] = await shop.env.db.query(
    'SELECT topic, about, outcome FROM resident_notifications ORDER BY id',
  );
  expect(rows.map((r) => [r.topic, r.about, r.outcome])).toEqual([
    ['redemption_result', expect.stringMatching(/^rd_/), 'sent'],
    ['expiry_reminder', `lot:${lot.id}`, 'sent'],
  ]);
});

it('exports everything held about the resident, their own rows only, with no secret', async () => {
  const res = await shop.env.api
    .http()
    .get(`${shop.base}/residents/me/export`)
    .set(bearer(mei))
    .expect(200);
  const x = res.body;
  expect(x.format).toBe('tanlian.resident-export/v1');
  expect(x.resident).toMatchObject({ program: shop.env.program.code, wechat_openid: 'wx-mei' });
  expect(x.tables.resident_bindings).toEqual([
    { operator: 'metro', user: 'mei', created_at: expect.any(String) },
  ]);
  expect(x.tables.reductions).toHaveLength(2);
  expect(x.tables.redemptions.map((r: { status: string }) => r.status)).toEqual([
    'captured',
    'captured',
  ]);
  expect(x.tables.resident_subscriptions.map((s: { topic: string }) => s.topic).sort()).toEqual([
    'expiry_reminder',
    'redemption_result',
  ]);
  expect(x.tables.resident_notifications).toHaveLength(2);
  expect(x.tables.point_lots.length).toBeGreaterThan(0);
  expect(x.tables.audit_resident_keys).toHaveLength(1);
  expect(Number(x.tables.audit_resident_entries[0].entries)).toBeGreaterThan(0);
  const text = JSON.stringify(x);
  expect(text).not.toMatch(/secret_hash|sealed_key|wx-lin/);
  expect(text).not.toContain(mei.split('.')[1]);
});
