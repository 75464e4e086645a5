import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FILE = join(__dirname, '..', 'RESULTS.md');

/**
 * Appends a run's section to bench/RESULTS.md (created with its header the first time), formatted
 * by the repository's Prettier so `npm run lint` stays clean. Returns the file's path.
 */
export async function appendToResults(lines: readonly string[]): Promise<string> {
  if (!existsSync(FILE)) {
    writeFileSync(
      FILE,
      [
        '# Benchmark results',
        '',
        'Appended by the benchmarks themselves (`npm run bench:ingest` and `npm run bench:audit` write a',
        'section per run); the analysis under a run is written by the person who ran it. Figures are',
        'only comparable on the same machine: each run measures its own baseline next to the service.',
        '',
      ].join('\n'),
    );
  }
  const text = readFileSync(FILE, 'utf8') + lines.join('\n');
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(FILE)) ?? {};
  writeFileSync(FILE, await prettier.format(text, { ...options, filepath: FILE }));
  return FILE;
}

/** The `- command:` line of a run's section: the command and the commit it measured. */
export function commandLine(command: string): string {
  const commit = git(['rev-parse', '--short', 'HEAD']);
  const dirty = git(['status', '--porcelain']) ? ' + uncommitted changes' : '';
  return `- command: \`${command}\` (commit ${commit}${dirty})`;
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: __dirname }).toString().trim();
  } catch {
    return 'unknown';
  }
}
