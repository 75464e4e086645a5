// npm run bench:miniapp-verify: the per-record verification (bench/verify-record.bench.ts),
// bundled once with esbuild and run in Node and in headless Chromium (Debian's, as the e2e
// launches it). Prints p50/p99 per record against the 5 ms target, next to a floor measured
// between the records in the same run, and appends the run to bench/RESULTS.md.
import { appendFileSync, mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
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
  // The app's code imports the sdk's audit subpath: the same source the bench's fixtures use.
  alias: { '@tanlian/sdk/audit': join(here, '../../sdk/src/audit/index.ts') },
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
  `${name.padEnd(9)} p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms  max ${r.max.toFixed(2)} ms  (${r.records} records, log of ${r.treeSize}, ${r.over} over 5 ms) ${r.p99 <= TARGET_MS ? 'within' : 'OVER'} the ${TARGET_MS} ms target; floor (255 bare hashes: an unseen tile) p50 ${r.floorP50.toFixed(2)} ms p99 ${r.floorP99.toFixed(2)} ms`;
const once = (name, r) =>
  `${name.padEnd(9)} a page's first record ${r.first.toFixed(2)} ms (its checkpoint's signature and cosignature, once per checkpoint; mean of 20 cold: ${r.checkpointOnly.toFixed(2)} ms)`;
const lines = [
  line('node', node),
  line('chromium', browser),
  once('node', node),
  once('chromium', browser),
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} (1, 5, 15 min) on a machine of 2 shared cores`,
];
console.log(lines.join('\n'));
appendFileSync(
  join(here, 'RESULTS.md'),
  `\n## ${new Date().toISOString()} · Node ${process.version} · ${version}\n\n\`\`\`\n${lines.join('\n')}\n\`\`\`\n`,
);
if (node.p99 > TARGET_MS || browser.p99 > TARGET_MS) process.exitCode = 1;
