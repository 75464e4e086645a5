// Adds up every workspace's jest results into one closing line, and refuses skipped tests:
// a skipped test hides a missing part.
import { readdirSync, readFileSync } from 'node:fs';

const dir = new URL('../.test-results/', import.meta.url);
let files = [];
try {
  files = readdirSync(dir).filter((f) => f.endsWith('.json'));
} catch {
  files = [];
}
if (files.length === 0) {
  console.error('test summary: no results were written (.test-results/*.json)');
  process.exit(1);
}
let passed = 0;
let failed = 0;
let skipped = 0;
let failedSuites = 0;
for (const file of files) {
  const r = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
  // A writer that leaves a count out would turn the sums into NaN, and NaN > 0 is false: the
  // line would pass with its skipped tests unseen.
  const missing = ['numPassedTests', 'numFailedTests', 'numPendingTests', 'numTodoTests'].filter(
    (k) => !Number.isInteger(r[k]),
  );
  if (missing.length > 0) {
    console.error(`test summary: ${file} has no ${missing.join(', ')}`);
    process.exit(1);
  }
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + r.numTodoTests;
  failedSuites += r.numFailedTestSuites + (r.numRuntimeErrorTestSuites ?? 0);
}
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
if (failedSuites > 0) console.error(`${failedSuites} test suite(s) failed to run`);
if (skipped > 0)
  console.error('skipped tests are not allowed: a skipped test hides a missing part');
process.exit(failed > 0 || failedSuites > 0 || skipped > 0 || passed === 0 ? 1 : 0);
