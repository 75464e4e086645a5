// What the browser flows do on a page: sign in and out, the menu, dialogs, axe, waiting.
import assert from 'node:assert/strict';
import { seriousViolations } from './browser.mjs';
import { s } from './state.mjs';

export async function signIn(page, token) {
  await page.goto(s.live.consoleUrl);
  await page.getByLabel('API 密钥').fill(token);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('button', { name: '退出登录' }).waitFor();
}

export async function signOut(page) {
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByLabel('API 密钥').waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.getItem('tanlian.console.apiKey')), null);
}

export async function openMenu(page, name) {
  await page.getByRole('menuitem', { name }).first().click();
}

/** The value of the "shown once" dialog, then closes it. */
export async function shownOnce(page) {
  const box = page.getByTestId('shown-once');
  await box.waitFor();
  const value = (await box.textContent()).trim();
  await page
    .locator('.ant-modal')
    .filter({ has: box })
    .getByRole('button', { name: /OK|确定/ })
    .click();
  await box.waitFor({ state: 'detached' });
  return value;
}

/** Submits the open ModalForm (its primary button). */
export async function submitModal(page) {
  await page.locator('.ant-modal-wrap:visible .ant-modal-footer .ant-btn-primary').last().click();
}

export async function closeDrawer(page) {
  await page.locator('.ant-drawer-content:visible .ant-drawer-close').click();
  await page
    .locator('.ant-drawer-content:visible')
    .waitFor({ state: 'detached' })
    .catch(() => undefined);
  await page.waitForTimeout(300);
}

export async function axeClean(page, name) {
  const serious = await seriousViolations(page);
  assert.deepEqual(serious, [], `${name}: serious accessibility violations`);
}

export async function tableTexts(page) {
  return page.locator('.ant-table-tbody').allInnerTexts();
}

export async function waitUntil(condition, what, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
