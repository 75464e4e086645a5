import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FILE = join(__dirname, '..', 'RESULTS.md');
const RESULTS_DIR = join(__dirname, '..', 'results');

export type BenchName = 'ingest' | 'audit' | 'account-page' | 'clearing' | 'dashboards';

/** One run as the bench saw it: what goes into its JSON line beside the readable section. */
export interface BenchRun {
  bench: BenchName;
  /** When the run was recorded, as its section's heading says. */
  at: string;
  quick: boolean;
  /** The run's `RESULT k=v …` line. */
  resultLine: string;
  /** The bench's whole report, for scripts that want more than the RESULT figures. */
  report: unknown;
}

/**
 * Records a run twice: its section appended to bench/RESULTS.md, to read, and one JSON line in
 * bench/results/<bench>.jsonl, which keeps every run for scripts and plots after old sections are
 * moved out of RESULTS.md. Both are written before the bench says where; returns the two paths.
 */
export async function recordRun(run: BenchRun, lines: readonly string[]): Promise<string[]> {
  const section = await formatMarkdown(lines.join('\n'));
  const { commit, uncommitted } = commitState();
  const record = {
    bench: run.bench,
    at: run.at,
    quick: run.quick,
    commit,
    uncommitted,
    result: parseResultLine(run.resultLine),
    section: section.trim() + '\n',
    report: run.report,
  };
  mkdirSync(RESULTS_DIR, { recursive: true });
  const jsonl = join(RESULTS_DIR, `${run.bench}.jsonl`);
  appendFileSync(jsonl, JSON.stringify(record) + '\n');
  return [await appendToResults(lines), jsonl];
}

/** `RESULT a=1 b=0.5 c=x` → { a: 1, b: 0.5, c: 'x' }: the same figures as the section's last line. */
export function parseResultLine(line: string): Record<string, number | string> {
  const figures: Record<string, number | string> = {};
  for (const pair of line.replace(/^RESULT\s+/, '').split(/\s+/)) {
    const at = pair.indexOf('=');
    if (at < 1) continue;
    const value = pair.slice(at + 1);
    figures[pair.slice(0, at)] = /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  }
  return figures;
}

/**
 * Appends a run's section to bench/RESULTS.md (created with its header the first time), formatted
 * by the repository's Prettier so `npm run lint` stays clean. Returns the file's path.
 */
async function appendToResults(lines: readonly string[]): Promise<string> {
  if (!existsSync(FILE)) {
    writeFileSync(
      FILE,
      [
        '# Benchmark results',
        '',
        'The latest runs and their analysis; every run is also a JSON line in `results/`. Appended by',
        'the benchmarks themselves (`npm run bench:ingest` and `npm run bench:audit` write a section per',
        'run); the analysis under a run is written by the person who ran it. Figures are only',
        'comparable on the same machine: each run measures its own baseline next to the service.',
        '',
      ].join('\n'),
    );
  }
  writeFileSync(FILE, await formatMarkdown(readFileSync(FILE, 'utf8') + lines.join('\n')));
  return FILE;
}

async function formatMarkdown(text: string): Promise<string> {
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(FILE)) ?? {};
  return prettier.format(text, { ...options, filepath: FILE });
}

/** The `- command:` line of a run's section: the command and the commit it measured. */
export function commandLine(command: string): string {
  const { commit, uncommitted } = commitState();
  return `- command: \`${command}\` (commit ${commit}${uncommitted ? ' + uncommitted changes' : ''})`;
}

function commitState(): { commit: string; uncommitted: boolean } {
  return {
    commit: git(['rev-parse', '--short', 'HEAD']),
    uncommitted: git(['status', '--porcelain']) !== '',
  };
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: __dirname }).toString().trim();
  } catch {
    return 'unknown';
  }
}

/**
 * Records a run as its section: heading, command line, the bench's own lines about the run, its
 * table, findings and RESULT line (see recordRun).
 */
export function recordSection(
  run: { bench: BenchName; quick: boolean; command: string; report: unknown },
  parts: { about: string[]; table: string[]; findings: string[]; resultLine: string },
): Promise<string[]> {
  const at = new Date().toISOString();
  const lines = [
    '',
    `## bench:${run.bench} — ${at}${run.quick ? ' (quick)' : ''}`,
    '',
    commandLine(run.command),
    ...parts.about,
    '',
    ...parts.table,
    '',
    ...parts.findings.map((l) => `- ${l}`),
    '',
    '```text',
    parts.resultLine,
    '```',
    '',
  ];
  const { bench, quick, report } = run;
  return recordRun({ bench, at, quick, resultLine: parts.resultLine, report }, lines);
}
