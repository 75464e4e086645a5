// The dashboards end to end: the built console in Chromium in front of a live clearing service
// (real MariaDB, Redis, api and worker). Signed rides of two operators are pushed; the bureau's
// dashboard totals equal the sum of the credited reductions the service reports for those events,
// a bar opens its records, and each operator sees only its own share. Results in jest's JSON
// fields to ../.test-results/operator-console-dashboards.json; screenshots beside the others.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openBrowser, screenshot, seriousViolations } from './browser.mjs';
import { apiOf } from './console-api.mjs';
import { startLiveService } from './live-service.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const PROGRAM = 'e2e-dash';
const s = {};

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

/** A ride `minutesAgo` before now, 10 minutes long, in `district`. */
function ride(id, user, minutesAgo, district, distanceM) {
  const start = Date.now() - minutesAgo * 60_000;
  return {
    id,
    user,
    behaviour: 'metro',
    startedAt: new Date(start).toISOString(),
    endedAt: new Date(start + 10 * 60_000).toISOString(),
    district,
    activity: { distanceM },
  };
}

async function signIn(page, token) {
  await page.goto(`${s.live.consoleUrl}/#/`);
  await page.getByLabel('API 密钥').fill(token);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('button', { name: '退出登录' }).waitFor();
}

async function signOut(page) {
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByLabel('API 密钥').waitFor();
}

/** The page's exact total (integer mg), once the charts have loaded. */
async function dashboardTotal(page) {
  await page.getByRole('menuitem', { name: '数据看板' }).first().click();
  const exact = page.getByTestId('dashboard-total-mg-exact');
  await exact.waitFor({ state: 'attached' });
  await page.waitForFunction(
    () =>
      globalThis.document.querySelector('[data-testid="dashboard-total-mg-exact"]')?.textContent !==
      '',
  );
  return (await exact.textContent()).trim();
}

/** Operators, keys and secrets by the CLI; the methodology published and residents bound by the API. */
async function setUp() {
  const cli = s.live.cli;
  cli('program:create', '--code', PROGRAM, '--name', 'E2E 看板');
  s.bureauToken = cli('key:create', '--program', PROGRAM, '--bureau', 'e2e bureau').token;
  s.api = apiOf(s.live.base, PROGRAM);
  const draft = await s.api.call('POST', `${s.api.p}/methodologies`, {
    token: s.bureauToken,
    body: { code: 'E2E-METRO', definition: METRO },
  });
  assert.equal(draft.status, 201, JSON.stringify(draft.body));
  const published = await s.api.call(
    'POST',
    `${s.api.p}/methodologies/E2E-METRO/versions/${draft.body.version}/publish`,
    { token: s.bureauToken },
  );
  assert.equal(published.status, 200, JSON.stringify(published.body));
  s.ops = {};
  for (const code of ['dash-metro', 'dash-bus']) {
    cli(
      'participant:create',
      '--program',
      PROGRAM,
      '--code',
      code,
      '--name',
      code,
      '--roles',
      'operator',
      '--funding',
      'postpaid',
    );
    const token = cli('key:create', '--program', PROGRAM, '--participant', code).token;
    const secret = cli('webhook-secret:create', '--program', PROGRAM, '--participant', code).secret;
    s.ops[code] = { token, secret };
  }
  // One resident, bound to both operators (as user "u-<code>").
  s.residentToken = await s.api.residentSession('e2e-dash-resident');
  for (const [code, op] of Object.entries(s.ops)) {
    const issued = await s.api.call('POST', `${s.api.p}/participants/${code}/binding-tokens`, {
      token: op.token,
      body: { user: `u-${code}` },
    });
    assert.equal(issued.status, 201, JSON.stringify(issued.body));
    const bound = await s.api.call('POST', `${s.api.p}/residents/me/bindings`, {
      token: s.residentToken,
      body: { token: issued.body.token },
    });
    assert.equal(bound.status, 201, JSON.stringify(bound.body));
  }
}

async function pushRides() {
  const pushed = [
    ['dash-metro', ride('m-1', 'u-dash-metro', 300, '440305', 8000)],
    ['dash-metro', ride('m-2', 'u-dash-metro', 240, '440306', 5000)],
    ['dash-metro', ride('m-3', 'u-dash-metro', 180, '440305', 3000)],
    ['dash-bus', ride('b-1', 'u-dash-bus', 120, '440307', 6000)],
  ];
  s.credited = { 'dash-metro': 0n, 'dash-bus': 0n };
  for (const [code, event] of pushed)
    assert.equal(await s.api.push(code, s.ops[code].secret, event), 202);
  for (const [code, event] of pushed) {
    const status = await s.api.waitForStatus(code, s.ops[code].token, event.id, [
      'credited',
      'capped',
      'rejected',
      'overlapping',
    ]);
    assert.equal(status.status, 'credited', JSON.stringify(status));
    s.credited[code] += BigInt(status.reductionMg);
  }
  s.expectedTotal = s.credited['dash-metro'] + s.credited['dash-bus'];
  // The worker folds the outbox every second: wait until the API's total has caught up.
  const chinaDay = (ms) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
  const [from, to] = [chinaDay(Date.now() - 86_400_000), chinaDay(Date.now())];
  const deadline = Date.now() + 30_000;
  for (;;) {
    const r = await s.api.call(
      'GET',
      `${s.api.p}/dashboards/reductions?from=${from}&to=${to}&groupBy=district`,
      { token: s.bureauToken },
    );
    const sum = (r.body?.rows ?? []).reduce((a, row) => a + BigInt(row.reductionMg), 0n);
    if (sum === s.expectedTotal) break;
    if (Date.now() > deadline) throw new Error(`rollups at ${sum}, expected ${s.expectedTotal}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

async function bureauSeesTotals(page) {
  await signIn(page, s.bureauToken);
  const total = await dashboardTotal(page);
  assert.equal(total, String(s.expectedTotal));
  await page.getByRole('img', { name: '各区县减排（排名）' }).waitFor();
  await screenshot(page, '70-bureau-dashboards');
  const serious = await seriousViolations(page);
  assert.deepEqual(serious, [], 'dashboards: serious accessibility violations');
  // Drill-down: the 440305 row opens its two records.
  await page.getByRole('cell', { name: '440305', exact: true }).first().click();
  const drill = page.getByTestId('drill-down');
  await drill.waitFor();
  await drill.getByRole('cell', { name: 'dash-metro' }).nth(1).waitFor();
  assert.equal(await drill.locator('.ant-table-tbody tr.ant-table-row').count(), 2);
  await screenshot(page, '71-bureau-dashboards-drill-down');
  await signOut(page);
}

async function operatorSeesOwnShare(page) {
  for (const code of ['dash-bus', 'dash-metro']) {
    await signIn(page, s.ops[code].token);
    assert.equal(await dashboardTotal(page), String(s.credited[code]));
    const cells = await page.locator('.ant-table-tbody').allInnerTexts();
    const other = code === 'dash-bus' ? '440305' : '440307';
    assert.ok(
      !cells.join('\n').includes(other),
      `${code} sees another operator's district ${other}`,
    );
    await screenshot(page, `62-operator-dashboards-${code}`);
    await signOut(page);
  }
}

const TESTS = [
  [
    'the bureau’s dashboard totals equal the sum of the credited events pushed; a bar opens its records',
    bureauSeesTotals,
  ],
  ['each operator sees only its own share of the dashboards', operatorSeesOwnShare],
];

async function main() {
  const results = [];
  s.live = await startLiveService();
  const context = await openBrowser();
  const page = await context.newPage();
  let failed = false;
  try {
    await setUp();
    await pushRides();
    for (const [title, flow] of TESTS) {
      const started = Date.now();
      try {
        if (failed) throw new Error('an earlier flow failed');
        await flow(page);
        results.push({
          title,
          status: 'passed',
          failureMessages: [],
          duration: Date.now() - started,
        });
        process.stdout.write(`  ✓ ${title}\n`);
      } catch (err) {
        failed = true;
        await screenshot(page, `failure-dashboards-${results.length}`).catch(() => undefined);
        results.push({
          title,
          status: 'failed',
          failureMessages: [err.stack ?? String(err)],
          duration: Date.now() - started,
        });
        process.stdout.write(`  ✗ ${title}\n${err.stack ?? err}\n`);
      }
    }
  } catch (err) {
    failed = true;
    process.stdout.write(`set-up failed: ${err.stack ?? err}\n${s.live.logs()}\n`);
    for (const [title] of TESTS)
      results.push({ title, status: 'failed', failureMessages: [String(err)], duration: 0 });
  } finally {
    await context.close();
    await s.live.stop();
  }
  const out = join(here, '..', '..', '.test-results');
  mkdirSync(out, { recursive: true });
  const passed = results.filter((r) => r.status === 'passed').length;
  writeFileSync(
    join(out, 'operator-console-dashboards.json'),
    JSON.stringify({
      numPassedTests: passed,
      numFailedTests: results.length - passed,
      numPendingTests: 0,
      numTodoTests: 0,
      numFailedTestSuites: results.length > passed ? 1 : 0,
      numTotalTests: results.length,
      testResults: [{ name: 'operator-console/e2e/dashboards.mjs', assertionResults: results }],
    }),
  );
  process.stdout.write(`${passed} passed, ${results.length - passed} failed\n`);
  process.exit(failed ? 1 : 0);
}

void main();
