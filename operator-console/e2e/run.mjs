// The console end to end: the built console served by the demo's app server in front of a live
// clearing service (real MariaDB, Redis, api and worker processes) and Debian's Chromium. One flow
// per role, in the order a program is set up; each is a test of the summary, written in jest's
// JSON fields to ../.test-results/operator-console-e2e.json.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openBrowser, screenshot, SCREENSHOTS } from './browser.mjs';
import {
  bureauClosesTheCycle,
  merchantReconciles,
  otherMerchantSeesNone,
} from './clearing-flows.mjs';
import { apiOf, metroRide } from './console-api.mjs';
import { startLiveService } from './live-service.mjs';
import {
  axeClean,
  closeDrawer,
  openMenu,
  shownOnce,
  signIn,
  signOut,
  submitModal,
  tableTexts,
  waitUntil,
} from './page-helpers.mjs';
import { accessProblems, PROGRAM, s } from './state.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const { canonicalJson } = require('@tanlian/sdk');

const METRO = {
  title: '地铁出行 (metro)',
  behaviour: 'metro',
  model: 'per_distance',
  factorMg: 46700,
  factorPer: 1000,
  limits: { maxSpeedKmh: 120 },
  source: 'Shenzhen public-transit methodology (2021): metro 46.7 g CO2e/pkm',
  effectiveFrom: '2020-01-01T00:00:00+08:00',
  effectiveTo: null,
};

// ---- the flows ----

async function adminOnboards(page) {
  await page.goto(s.live.consoleUrl);
  await screenshot(page, '00-sign-in');
  await axeClean(page, 'sign-in');
  await signIn(page, s.adminToken);
  await page.getByRole('cell', { name: PROGRAM, exact: true }).click();
  await screenshot(page, '01-admin-programs');
  await axeClean(page, 'programs');

  await openMenu(page, '参与方');
  const onboard = async (code, name, merchant) => {
    await page.getByRole('button', { name: '接入参与方' }).click();
    const modal = page.locator('.ant-modal-wrap:visible');
    await modal.getByLabel('代码', { exact: true }).fill(code);
    await modal.getByLabel('名称', { exact: true }).fill(name);
    if (merchant) {
      await modal.getByLabel('场景运营方').uncheck();
      await modal.getByLabel('商户').check();
    }
    await submitModal(page);
    await page.getByRole('cell', { name: code, exact: true }).waitFor();
  };
  await onboard('metro-e2e', '地铁 E2E', false);
  await onboard('cafe-e2e', '咖啡 E2E', true);
  await screenshot(page, '02-admin-participants');
  await axeClean(page, 'participants');

  const keyOf = async (code) => {
    await page
      .getByRole('row', { name: new RegExp(code) })
      .getByRole('button', { name: '密钥' })
      .click();
    const drawer = page.locator('.ant-drawer-content:visible');
    await drawer.getByRole('button', { name: '新建 API 密钥' }).click();
    await page.locator('.ant-modal-wrap:visible').getByLabel('标签').fill('console e2e');
    await submitModal(page);
    const token = await shownOnce(page);
    return { drawer, token };
  };
  const metro = await keyOf('metro-e2e');
  s.metroToken = metro.token;
  await metro.drawer.getByRole('button', { name: '新增签名密钥' }).click();
  await submitModal(page);
  s.metroSecret = await shownOnce(page);
  assert.match(s.metroSecret, /^whsec_/);
  await screenshot(page, '03-admin-participant-keys');
  // The prepaid operator's opening float, recorded by the admin in the same drawer.
  await metro.drawer.getByRole('button', { name: '记录充值' }).click();
  const topUp = page.locator('.ant-modal-wrap:visible');
  await topUp.getByLabel('积分').fill('100000');
  await topUp.getByLabel('充值参考号').fill('float-1');
  await submitModal(page);
  await page.getByText('充值已记录').waitFor();
  await closeDrawer(page);
  const cafe = await keyOf('cafe-e2e');
  s.cafeToken = cafe.token;
  await closeDrawer(page);

  // The keys work, and are who the admin made them for.
  const me = await s.api.call('GET', '/v1/me', { token: s.metroToken });
  assert.deepEqual([me.body.participant, me.body.roles], ['metro-e2e', ['operator']]);
  const cafeMe = await s.api.call('GET', '/v1/me', { token: s.cafeToken });
  assert.deepEqual([cafeMe.body.participant, cafeMe.body.roles], ['cafe-e2e', ['merchant']]);

  // A bureau staff member, with a first key shown once that signs in as the program's bureau.
  await openMenu(page, '工作人员');
  await page.getByRole('button', { name: '添加工作人员' }).click();
  await page.locator('.ant-modal-wrap:visible').getByLabel('名称', { exact: true }).fill('王芳');
  await submitModal(page);
  const staffToken = await shownOnce(page);
  await page.getByRole('cell', { name: '王芳', exact: true }).waitFor();
  const staffMe = await s.api.call('GET', '/v1/me', { token: staffToken });
  assert.deepEqual([staffMe.body.program, staffMe.body.roles], [PROGRAM, ['bureau']]);
  await screenshot(page, '06-admin-staff');
  await axeClean(page, 'staff');

  await openMenu(page, '密钥封存状态');
  await page.getByText('当前封存密钥').waitFor();
  await screenshot(page, '04-admin-secrets');
  await openMenu(page, '日志签名密钥');
  await page.getByText('日志来源').waitFor();
  await screenshot(page, '05-admin-signing-keys');
  await signOut(page);
}

async function bureauPublishes(page) {
  await signIn(page, s.bureauToken);
  await page.getByRole('button', { name: '新建草稿' }).click();
  const drawer = page.locator('.ant-drawer-content:visible');
  await drawer.getByLabel('代码').fill('E2E-METRO');
  await drawer.getByLabel('定义（JSON）').fill(JSON.stringify(METRO, null, 2));
  await drawer.getByLabel('距离（米）').fill('8000');
  await drawer.getByLabel('时长（秒）').fill('1200');
  const line = drawer.getByTestId('preview-line');
  // 8 km × 46.7 g/km = 373.6 g; 10 g a point: 37 points, 3.6 g carried (the service's figure).
  await line.filter({ hasText: '373.6 g' }).waitFor();
  assert.equal((await line.textContent()).trim(), '373.6 g → 37 积分, 3.6 g 结转');
  await screenshot(page, '10-bureau-methodology-editor');
  await drawer.getByRole('button', { name: '保存' }).click();
  await page.getByRole('cell', { name: 'E2E-METRO' }).first().waitFor();
  await drawer.getByRole('button', { name: '发布' }).click();
  const shownHash = (await page.getByTestId('publish-hash').textContent()).trim();
  await screenshot(page, '11-bureau-publish-confirm');
  await page.locator('.ant-modal-confirm').getByRole('button', { name: '发布' }).click();
  await page.locator('.ant-modal-confirm').waitFor({ state: 'detached' });
  await closeDrawer(page);

  const published = (await s.api.call('GET', `${s.api.p}/methodologies`)).body;
  const metro = published.find((m) => m.code === 'E2E-METRO');
  assert.equal(metro.status, 'published');
  assert.equal(metro.contentHash, shownHash);
  // Anyone can recompute it: SHA-256 of the definition's canonical JSON.
  const recomputed = createHash('sha256').update(canonicalJson(metro.definition)).digest('hex');
  assert.equal(shownHash, recomputed);
  await page.getByRole('cell', { name: 'published' }).first().waitFor();
  await screenshot(page, '12-bureau-methodologies');
  await axeClean(page, 'methodologies');

  await openMenu(page, '审计健康');
  await page.getByText('自检（fsck）').waitFor();
  await screenshot(page, '13-bureau-audit-health');
  await axeClean(page, 'audit health');
  await signOut(page);
}

async function operatorSeesEvents(page) {
  // A resident binds one of the operator's users with a token the operator's console shows.
  await signIn(page, s.metroToken);
  await openMenu(page, '绑定令牌');
  await page.getByLabel('您的用户 ID').fill('ann');
  await page.getByRole('button', { name: '生成一次性令牌' }).click();
  const bindingToken = (await page.getByTestId('binding-token').textContent()).trim();
  await page.getByRole('img', { name: '绑定令牌' }).waitFor();
  await screenshot(page, '20-operator-binding-token');
  s.residentToken = await s.api.residentSession('e2e-ann');
  const bound = await s.api.call('POST', `${s.api.p}/residents/me/bindings`, {
    token: s.residentToken,
    body: { token: bindingToken },
  });
  assert.equal(bound.status, 201, JSON.stringify(bound.body));

  // The operator's gateway pushes three rides.
  s.eventIds = ['ride-1', 'ride-2', 'ride-3'];
  for (const [i, id] of s.eventIds.entries())
    assert.equal(
      await s.api.push('metro-e2e', s.metroSecret, metroRide(id, 'ann', 300 - 60 * i)),
      202,
    );
  for (const id of s.eventIds)
    await s.api.waitForStatus('metro-e2e', s.metroToken, id, ['credited', 'capped']);

  await openMenu(page, '事件查询');
  for (const id of s.eventIds) await page.getByRole('cell', { name: id, exact: true }).waitFor();
  const rows = await page.locator('.ant-table-tbody tr').allInnerTexts();
  assert.equal(rows.length, 3);
  assert.ok(rows.every((r) => r.includes('credited') && r.includes('373.6 g') && r.includes('37')));
  await page.getByLabel('事件 ID').fill('ride-2');
  await page.getByLabel('事件 ID').press('Enter');
  await page.locator('.ant-descriptions').getByText('credited').waitFor();
  await screenshot(page, '21-operator-events');
  await axeClean(page, 'events');

  // Webhook-secret rotation: a new key, then the old one revoked; pushes follow.
  await openMenu(page, 'Webhook 密钥');
  await page.getByRole('button', { name: '新增签名密钥' }).click();
  await submitModal(page);
  const newSecret = await shownOnce(page);
  const liveRows = page.locator('.ant-table-tbody tr').filter({ hasText: '有效' });
  assert.equal(await liveRows.count(), 2);
  // Listed oldest first: the first live key is the one the gateway signed with until now.
  await liveRows.first().getByRole('button', { name: '吊销' }).click();
  await page
    .locator('.ant-popconfirm')
    .getByRole('button', { name: /OK|确定/ })
    .click();
  await page.locator('.ant-table-tbody tr').filter({ hasText: '已吊销' }).waitFor();
  await screenshot(page, '22-operator-webhook-secrets');
  assert.equal(
    await s.api.push('metro-e2e', s.metroSecret, metroRide('ride-old-key', 'ann', 100)),
    401,
  );
  assert.equal(await s.api.push('metro-e2e', newSecret, metroRide('ride-4', 'ann', 100)), 202);
  s.metroSecret = newSecret;
  await s.api.waitForStatus('metro-e2e', s.metroToken, 'ride-4', ['credited', 'capped']);

  // The callback: set to a local receiver; a decided event is delivered; redelivered on request.
  await openMenu(page, '回调');
  await page.getByLabel('回调 URL').fill(s.receiver.url);
  await page.getByRole('button', { name: '保存 URL' }).click();
  await shownOnce(page);
  assert.equal(await s.api.push('metro-e2e', s.metroSecret, metroRide('ride-5', 'ann', 60)), 202);
  await waitUntil(() => s.receiver.received.length >= 1, 'the first callback');
  await page
    .getByRole('button', { name: '刷新' })
    .last()
    .click()
    .catch(() => undefined);
  await page.reload();
  const delivered = page.locator('.ant-table-tbody tr').filter({ hasText: 'delivered' });
  await delivered.first().waitFor();
  await delivered.first().getByRole('button', { name: '重新投递' }).click();
  await waitUntil(() => s.receiver.received.length >= 2, 'the redelivery');
  assert.equal(s.receiver.received[1].id, s.receiver.received[0].id);
  await screenshot(page, '23-operator-callback');
  await openMenu(page, '资金');
  await page.getByText('已发放积分').waitFor();
  await screenshot(page, '24-operator-funding');
  await openMenu(page, 'API 密钥');
  await page.getByRole('cell', { name: 'console e2e' }).waitFor();
  s.metroKeyIds = (await tableTexts(page)).join(' ').match(/key_[A-Za-z0-9]+/g) ?? [];
  await screenshot(page, '25-operator-api-keys');
  await signOut(page);
}

async function merchantCapturesAndRefunds(page) {
  // The resident shows a code; the till holds 20 points with it (through the API).
  const code = await s.api.call('POST', `${s.api.p}/residents/me/redemption-codes`, {
    token: s.residentToken,
    body: { merchant: 'cafe-e2e' },
  });
  assert.equal(code.status, 201, JSON.stringify(code.body));
  const hold = await s.api.call('POST', `${s.api.p}/participants/cafe-e2e/redemptions`, {
    token: s.cafeToken,
    headers: { 'idempotency-key': 'e2e-hold-1' },
    body: { code: code.body.code, points: 20 },
  });
  assert.equal(hold.status, 201, JSON.stringify(hold.body));

  await signIn(page, s.cafeToken);
  await openMenu(page, '门店');
  await page.getByRole('button', { name: '新增门店' }).click();
  const modal = page.locator('.ant-modal-wrap:visible');
  await modal.getByLabel('代码', { exact: true }).fill('nanshan-1');
  await modal.getByLabel('名称').fill('南山店');
  await modal.getByLabel('行政区划代码').fill('440305');
  await submitModal(page);
  await page.getByRole('cell', { name: 'nanshan-1' }).waitFor();
  await screenshot(page, '30-merchant-stores');
  await openMenu(page, '优惠');
  await screenshot(page, '31-merchant-offers');

  // The hold is in the merchant's list (newest first); opened from there.
  s.holdId = hold.body.id;
  await openMenu(page, '兑换');
  const row = page.getByRole('row', { name: new RegExp(hold.body.id) });
  await row.getByText('held').waitFor();
  await row.getByRole('button', { name: '打开' }).click();
  await page.getByTestId('redemption-status').filter({ hasText: 'held' }).waitFor();
  await screenshot(page, '32-merchant-redemption-held');
  await axeClean(page, 'redemptions');
  await page.getByRole('button', { name: '扣款' }).click();
  await submitModal(page);
  await page.getByTestId('redemption-status').filter({ hasText: 'captured' }).waitFor();
  assert.equal((await page.getByTestId('captured-points').textContent()).trim(), '20');
  await page.getByRole('button', { name: '退款' }).click();
  const refund = page.locator('.ant-modal-content').filter({ hasText: '退款单号' });
  await refund.getByRole('spinbutton').fill('5');
  await submitModal(page);
  await page.getByTestId('redemption-status').filter({ hasText: 'partially_refunded' }).waitFor();
  assert.equal((await page.getByTestId('refunded-points').textContent()).trim(), '5');
  // The list shows it as it now stands.
  await row.getByText('partially_refunded').waitFor();
  await screenshot(page, '33-merchant-redemption-refunded');
  const after = await s.api.call(
    'GET',
    `${s.api.p}/participants/cafe-e2e/redemptions/${hold.body.id}`,
    {
      token: s.cafeToken,
    },
  );
  assert.deepEqual(
    [after.body.status, after.body.capturedPoints, after.body.refundedPoints],
    ['partially_refunded', 20, 5],
  );
  await signOut(page);
}

async function otherOperatorSeesNone(page) {
  // A second operator of the same program, made by the admin CLI.
  s.live.cli(
    'participant:create',
    '--program',
    PROGRAM,
    '--code',
    'bus-e2e',
    '--name',
    '公交 E2E',
    '--roles',
    'operator',
    '--funding',
    'postpaid',
  );
  const bus = s.live.cli('key:create', '--program', PROGRAM, '--participant', 'bus-e2e');
  const secret = s.live.cli(
    'webhook-secret:create',
    '--program',
    PROGRAM,
    '--participant',
    'bus-e2e',
  );
  await signIn(page, bus.token);
  const forbidden = [
    ...s.eventIds,
    'ride-4',
    'ride-5',
    'metro-e2e',
    ...s.metroKeyIds,
    s.receiver.url,
    s.holdId,
    'cafe-e2e',
  ];
  const check = async (menu, name) => {
    await openMenu(page, menu);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(500);
    const text = await page.locator('main, .ant-pro-page-container').first().innerText();
    for (const marker of forbidden)
      if (text.includes(marker)) accessProblems.push(`${name} shows ${marker}`);
    await screenshot(page, `40-other-operator-${name}`);
  };
  await check('事件查询', 'events');
  await check('回调', 'callback');
  await check('API 密钥', 'api-keys');
  await check('Webhook 密钥', 'webhook-secrets');
  await check('资金', 'funding');
  await check('清算周期', 'cycles');
  assert.deepEqual(accessProblems, []);
  // And its own lists do work: its own webhook key is listed.
  await openMenu(page, 'Webhook 密钥');
  await page.getByText(secret.id).waitFor();
  await signOut(page);
}

/** The operator's callback endpoint on 127.0.0.1: answers 200 and records each webhook-id. */
async function startReceiver() {
  const received = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received.push({ id: req.headers['webhook-id'] });
      res.writeHead(200).end();
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    received,
    url: `http://127.0.0.1:${server.address().port}/cb`,
    close: () => server.close(),
  };
}

// ---- the runner ----

const TESTS = [
  [
    'the admin onboards an operator and a merchant, creates their keys and adds a bureau staff member',
    adminOnboards,
  ],
  [
    'the bureau publishes a methodology: the calculator’s figure and the content hash shown',
    bureauPublishes,
  ],
  [
    'the operator sees the events pushed, rotates its webhook secret, redelivers a callback',
    operatorSeesEvents,
  ],
  ['the merchant captures a hold and refunds part of it', merchantCapturesAndRefunds],
  [
    'the bureau sets the cycle, closes it now, and downloads the cleared cycle’s 注销 report',
    bureauClosesTheCycle,
  ],
  [
    'the merchant downloads its reconciliation file: its trailer is ledger:check’s figures; it confirms its settlement',
    merchantReconciles,
  ],
  [
    'another merchant of the program sees none of the first one’s data on any list',
    otherMerchantSeesNone,
  ],
  [
    'another operator of the program sees none of the first one’s data on any list',
    otherOperatorSeesNone,
  ],
];

async function main() {
  const results = [];
  s.live = await startLiveService();
  s.receiver = await startReceiver();
  const context = await openBrowser();
  const page = await context.newPage();
  try {
    s.live.cli('program:create', '--code', PROGRAM, '--name', 'E2E 城市');
    s.adminToken = s.live.cli('key:create', '--admin', 'console e2e admin').token;
    s.bureauToken = s.live.cli('key:create', '--program', PROGRAM, '--bureau', 'e2e bureau').token;
    s.api = apiOf(s.live.base, PROGRAM);
    let failedBefore = false;
    for (const [title, flow] of TESTS) {
      const started = Date.now();
      if (failedBefore) {
        // Each flow builds on the one before: after a failure the rest cannot run, and fail.
        results.push({
          title,
          status: 'failed',
          failureMessages: ['an earlier flow failed'],
          duration: 0,
        });
        continue;
      }
      try {
        await flow(page);
        results.push({
          title,
          status: 'passed',
          failureMessages: [],
          duration: Date.now() - started,
        });
        process.stdout.write(`  ✓ ${title} (${Date.now() - started} ms)\n`);
      } catch (err) {
        failedBefore = true;
        await screenshot(page, `failure-${results.length}`).catch(() => undefined);
        results.push({
          title,
          status: 'failed',
          failureMessages: [err.stack ?? String(err)],
          duration: Date.now() - started,
        });
        process.stdout.write(`  ✗ ${title}\n${err.stack ?? err}\n`);
      }
    }
  } finally {
    await context.close();
    s.receiver.close();
    if (results.some((r) => r.status === 'failed'))
      process.stdout.write(s.live.logs().slice(-4000));
    await s.live.stop();
  }
  const passed = results.filter((r) => r.status === 'passed').length;
  const failed = results.length - passed;
  const out = join(here, '..', '..', '.test-results');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, 'operator-console-e2e.json'),
    JSON.stringify({
      numPassedTests: passed,
      numFailedTests: failed,
      numPendingTests: 0,
      numTodoTests: 0,
      numFailedTestSuites: failed > 0 ? 1 : 0,
      numTotalTests: results.length,
      success: failed === 0,
      testResults: [{ name: 'operator-console/e2e/run.mjs', assertionResults: results }],
    }),
  );
  process.stdout.write(
    `\nconsole e2e: ${passed} passed, ${failed} failed; screenshots in ${SCREENSHOTS}\n`,
  );
  process.exit(failed === 0 ? 0 : 1);
}

await main();
