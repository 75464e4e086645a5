import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// What keeping the rollups costs the earn path: bench:ingest's credited/s with the reporting
// outbox on and off (REPORTING_ROLLUPS=off), alternating, each run its own database.

export interface IngestRun {
  rollups: 'on' | 'off';
  creditedPerS: number;
  line: string;
}

export function ingestRun(rollups: 'on' | 'off', quick: boolean): IngestRun {
  const res = spawnSync(
    process.execPath,
    [join(__dirname, '../ingest/run.js'), ...(quick ? ['--quick'] : []), '--no-record'],
    {
      env: { ...process.env, REPORTING_ROLLUPS: rollups },
      encoding: 'utf8',
      timeout: 15 * 60_000,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const line = (res.stdout ?? '').split('\n').find((l) => l.startsWith('RESULT ')) ?? '';
  const m = /credited_per_s=(\d+)/.exec(line);
  if (!m)
    throw new Error(
      `bench:ingest (${rollups}) printed no RESULT: ${(res.stderr ?? '').slice(-500)}`,
    );
  return { rollups, creditedPerS: Number(m[1]), line };
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
