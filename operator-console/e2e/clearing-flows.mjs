// The clearing flows in the browser: the bureau sets the cycle and closes it now; the merchant
// downloads its reconciliation file (its trailer checked against `ledger:check --cycle`) and
// confirms its settlement; another merchant sees none of it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { screenshot } from './browser.mjs';
import { axeClean, openMenu, signIn, signOut, submitModal } from './page-helpers.mjs';
import { accessProblems, PROGRAM, s } from './state.mjs';

/** The bytes of the file a click on the row's download button saves. */
async function downloadFrom(page, row) {
  const saved = page.waitForEvent('download');
  await row.getByRole('button', { name: '下载' }).click();
  const download = await saved;
  const text = readFileSync(await download.path(), 'utf8');
  // Saved only once its bytes hashed to the listed SHA-256.
  await row.getByText('SHA-256 一致').waitFor();
  return { name: download.suggestedFilename(), text };
}

function cycleRow(page, seq) {
  return page
    .locator('.ant-table-tbody tr')
    .filter({ has: page.getByRole('cell', { name: String(seq), exact: true }) })
    .first();
}

async function openCycle(page, seq) {
  await cycleRow(page, seq).getByRole('button', { name: '打开' }).click();
  await page
    .getByTestId('cycle-detail')
    .filter({ hasText: `周期 ${seq}` })
    .waitFor();
}

export async function bureauClosesTheCycle(page) {
  await signIn(page, s.bureauToken);
  await openMenu(page, '清算');
  // The merchant's capture opened cycle 1; the cut-off moves to 23:30 local time.
  await page.getByTestId('open-cycle').filter({ hasText: '1' }).waitFor();
  await page.getByLabel('截止时刻').fill('23:30');
  await page.getByRole('button', { name: '保存' }).click();
  const settings = async () =>
    (await s.api.call('GET', `${s.api.p}/clearing/settings`, { token: s.bureauToken })).body;
  const deadline = Date.now() + 15_000;
  while ((await settings()).cutoffLocalTime !== '23:30') {
    if (Date.now() > deadline) throw new Error('the cut-off was not saved');
    await page.waitForTimeout(200);
  }
  await screenshot(page, '50-bureau-clearing-settings');
  await axeClean(page, 'clearing');

  await page.getByRole('button', { name: '立即关闭当前周期' }).click();
  await page
    .locator('.ant-popconfirm')
    .getByRole('button', { name: /OK|确定/ })
    .click();
  // The close opens cycle 2; the worker then clears cycle 1.
  await cycleRow(page, 2).waitFor();
  for (const end = Date.now() + 30_000; ;) {
    const cycle = await s.api.call('GET', `${s.api.p}/clearing/cycles/1`, {
      token: s.bureauToken,
    });
    if (['issued', 'settling', 'settled'].includes(cycle.body.state)) break;
    if (Date.now() > end) throw new Error(`cycle 1 is still ${cycle.body.state}`);
    await page.waitForTimeout(300);
  }
  await page.reload();
  await openCycle(page, 1);
  const detail = page.getByTestId('cycle-detail');
  await detail.getByRole('cell', { name: 'cafe-e2e', exact: true }).first().waitFor();
  await detail.getByRole('cell', { name: 'metro-e2e', exact: true }).first().waitFor();
  const report = await downloadFrom(page, detail.getByRole('row', { name: /注销报告/ }));
  const parsed = JSON.parse(report.text).cancellationReport;
  // 20 captured, 5 refunded in the same cycle: 15 of metro's points cancelled (注销).
  assert.equal(parsed.issuer, 'metro-e2e');
  assert.equal(parsed.netPoints, '15');
  await screenshot(page, '51-bureau-cycle-detail');
  await axeClean(page, 'cycle detail (bureau)');
  await signOut(page);
}

export async function merchantReconciles(page) {
  await signIn(page, s.cafeToken);
  await openMenu(page, '清算周期');
  await openCycle(page, 1);
  const detail = page.getByTestId('cycle-detail');
  const file = await downloadFrom(page, detail.getByRole('row', { name: /对账文件/ }));
  assert.match(file.name, /reconciliation\.csv$/);
  const [tag, lines, points, netFen] = file.text.trimEnd().split('\n').at(-1).split(',');
  assert.equal(tag, 'END');
  // The CLI's figures for the cycle, from the sub-ledger and the obligations.
  const check = s.live.cli('ledger:check', '--program', PROGRAM, '--cycle', '1');
  assert.equal(
    check['reconciliation cafe-e2e'],
    `lines=${lines} points=${points} net_fen=${netFen}`,
  );
  assert.equal(points, '15');
  s.cafeNetFen = netFen;
  await screenshot(page, '60-merchant-cycle');
  await axeClean(page, 'cycle detail (merchant)');

  // The settlement confirmation: the bank reference and the instruction's amount.
  await detail.getByRole('button', { name: '确认结算' }).click();
  const modal = page.locator('.ant-modal-wrap:visible');
  await modal.getByLabel('银行流水号').fill('BANK-E2E-1');
  assert.equal(await modal.getByLabel('金额（分）').inputValue(), netFen);
  await submitModal(page);
  await detail.getByText(/BANK-E2E-1/).waitFor();
  const mine = await s.api.call('GET', `${s.api.p}/participants/cafe-e2e/clearing/cycles/1`, {
    token: s.cafeToken,
  });
  assert.equal(mine.body.positions[0].bankReference, 'BANK-E2E-1');
  assert.equal(mine.body.state, 'settling');
  await screenshot(page, '61-merchant-settlement-confirmed');
  await signOut(page);
}

export async function otherMerchantSeesNone(page) {
  s.live.cli(
    'participant:create',
    '--program',
    PROGRAM,
    '--code',
    'tea-e2e',
    '--name',
    '茶饮 E2E',
    '--roles',
    'merchant',
  );
  const tea = s.live.cli('key:create', '--program', PROGRAM, '--participant', 'tea-e2e');
  const own = await s.api.call('POST', `${s.api.p}/participants/tea-e2e/stores`, {
    token: tea.token,
    body: { code: 'tea-1', name: '茶饮店', district: '440305' },
  });
  assert.equal(own.status, 201, JSON.stringify(own.body));
  await signIn(page, tea.token);
  const forbidden = [s.holdId, 'nanshan-1', 'cafe-e2e', 'BANK-E2E-1', 'metro-e2e'];
  const check = async (menu, name) => {
    await openMenu(page, menu);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(500);
    const text = await page.locator('main, .ant-pro-page-container').first().innerText();
    for (const marker of forbidden)
      if (text.includes(marker)) accessProblems.push(`other merchant's ${name} shows ${marker}`);
    await screenshot(page, `45-other-merchant-${name}`);
  };
  await check('门店', 'stores');
  await check('优惠', 'offers');
  await check('兑换', 'redemptions');
  await check('清算周期', 'cycles');
  assert.deepEqual(accessProblems, []);
  // Its own list works: its store is there.
  await openMenu(page, '门店');
  await page.getByRole('cell', { name: 'tea-1' }).waitFor();
  await signOut(page);
}
