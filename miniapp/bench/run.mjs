// npm run bench:miniapp-verify: the per-record verification (bench/verify-record.bench.ts),
// bundled once with esbuild and run in Node and in headless Chromium (Debian's, as the e2e
// launches it). Prints p50/p99 per record against the 5 ms target and appends the run to
// bench/RESULTS.md.
import { appendFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

const here = fileURLToPath(new URL('.', import.meta.url));
const TARGET_MS = 5;

const bundle = await build({
  entryPoints: [join(here, 'verify-record.bench.ts')],
  bundle: true,
  write: false,
  format: 'iife',
  globalName: 'verifyBench',
  platform: 'browser',
  target: 'es2020',
});
const code = bundle.outputFiles[0].text;

const node = await new Function(`${code}; return verifyBench.runBench();`)();

const context = await chromium.launchPersistentContext(
  mkdtempSync(join(tmpdir(), 'tanlian-bench-')),
  {
    executablePath: '/usr/bin/chromium',
    headless: true,
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
const page = context.pages()[0] ?? (await context.newPage());
await page.addScriptTag({ content: code });
const browser = await page.evaluate(() => globalThis.verifyBench.runBench());
const version = context.browser()?.version() ?? (await page.evaluate(() => navigator.userAgent));
await context.close();

const line = (name, r) =>
  `${name.padEnd(9)} p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms  max ${r.max.toFixed(2)} ms  (${r.records} records, log of ${r.treeSize}) ${r.p99 <= TARGET_MS ? 'within' : 'OVER'} the ${TARGET_MS} ms target`;
const lines = [line('node', node), line('chromium', browser)];
console.log(lines.join('\n'));
appendFileSync(
  join(here, 'RESULTS.md'),
  `\n## ${new Date().toISOString()} · Node ${process.version} · ${version}\n\n\`\`\`\n${lines.join('\n')}\n\`\`\`\n`,
);
if (node.p99 > TARGET_MS || browser.p99 > TARGET_MS) process.exitCode = 1;
