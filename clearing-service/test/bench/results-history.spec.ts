import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseResultLine } from '../../bench/shared/results-file';

const RESULTS = join(__dirname, '../../bench/results');

it('reads a RESULT line into its figures', () => {
  expect(
    parseResultLine('RESULT accepted_per_s=13674 ratio=0.317 accept_p99_ms=1591.6 mode=x'),
  ).toEqual({ accepted_per_s: 13674, ratio: 0.317, accept_p99_ms: 1591.6, mode: 'x' });
});

// The history moved out of RESULTS.md must say what its sections say: each line's figures are
// the RESULT line of its own section, and its heading names the same bench and time.
it.each(['ingest', 'audit'])('keeps every %s run with figures that match its section', (bench) => {
  const lines = readFileSync(join(RESULTS, `${bench}.jsonl`), 'utf8')
    .trim()
    .split('\n');
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) {
    const run = JSON.parse(line);
    expect(run.section.split('\n')[0]).toBe(
      `## bench:${bench} — ${run.at}${run.quick ? ' (quick)' : ''}`,
    );
    const resultLine = run.section.match(/^RESULT .*$/m)?.[0];
    expect(parseResultLine(resultLine)).toEqual(run.result);
  }
});
