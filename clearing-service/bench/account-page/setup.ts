// A resident with `records` credited records, made through the service's real paths: signed bus
// rides POSTed to a running api, credited and put in the log by a running worker, sealed in a
// signed checkpoint; then a session for the resident, as WeChat sign-in opens one. The database,
// program, operators and bindings are bench/ingest's (createBenchDatabase).
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { signWebhook, type ResidentAccountView } from '@tanlian/sdk';
import { CliModule } from '../../src/cli/cli.module';
import { DEMO_OPERATOR_ROLES } from '../../src/demo/demo-program';
import { ResidentSessionsService } from '../../src/residents/services/resident-sessions.service';
import type { BenchDatabase } from '../ingest/setup';
import { startChild, stopChild, type Child } from '../shared/processes';

export interface CreditedResident {
  bench: BenchDatabase;
  residentId: number;
  /** `Bearer rs_…` for the resident's session. */
  authorization: string;
  /** The account page's path, `?limit=` the records. */
  path: string;
}

/** A bus ride of `i`: 8 minutes, 10 minutes apart going back from an hour ago (no daily cap). */
function busRide(runTag: string, i: number, user: string) {
  const start = Date.now() - (60 + 10 * i) * 60_000;
  return {
    id: `page-${runTag}-${i}`,
    user,
    behaviour: 'bus',
    startedAt: new Date(start).toISOString(),
    endedAt: new Date(start + 8 * 60_000).toISOString(),
    activity: { distanceM: 3_000 + 37 * i },
  };
}

/** GET the page as the resident (status 200 expected). */
export async function fetchPage(base: string, r: CreditedResident): Promise<ResidentAccountView> {
  const res = await fetch(`${base}${r.path}`, { headers: { authorization: r.authorization } });
  if (res.status !== 200) throw new Error(`account page: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as ResidentAccountView;
}

/**
 * Pushes the rides through `api`, with a worker of its own running until every record is
 * credited and has its receipt; the worker is stopped before returning, so only the api runs.
 */
export async function creditedResident(
  records: number,
  api: { child: Child; base: string },
  bench: BenchDatabase,
  say: (line: string) => void,
): Promise<CreditedResident> {
  const bus = DEMO_OPERATOR_ROLES.bus;
  const binding = bench.population.bindings().find((b) => b.operator === bus)!;
  const residentId = bench.residentIds[binding.residentIndex];
  const { secret } = bench.program.operators[bus];
  const runTag = bench.name.slice(-6);
  const worker = startChild(
    'worker',
    'main.worker.js',
    { ...bench.env, AUDIT_INTEGRATE_INTERVAL_MS: '200' },
    null,
  );
  try {
    for (let i = 0; i < records; i++) {
      const body = JSON.stringify(busRide(runTag, i, binding.user));
      const headers = signWebhook({
        id: `msg_${runTag}_${i}`,
        timestamp: Math.floor(Date.now() / 1000),
        body,
        keys: [secret],
      });
      const res = await fetch(
        `${api.base}/v1/programs/${bench.program.code}/operators/${bus}/events`,
        { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body },
      );
      if (res.status !== 202) throw new Error(`push ${i}: HTTP ${res.status} ${await res.text()}`);
    }
    const resident: CreditedResident = {
      bench,
      residentId,
      authorization: `Bearer ${await openSession(bench, residentId)}`,
      path: `/v1/programs/${bench.program.code}/residents/me/account?limit=${records}`,
    };
    const deadline = Date.now() + 60_000;
    for (;;) {
      const page = await fetchPage(api.base, resident);
      const credited = page.history.filter((h) => h.status === 'credited');
      const sealed = credited.filter((h) => h.receipt !== null).length;
      if (credited.length === records && sealed === records) break;
      if (Date.now() > deadline || worker.process.exitCode !== null) {
        throw new Error(
          `after 60 s: ${credited.length} of ${records} credited, ${sealed} with receipts; worker: ${worker.lines.slice(-3).join(' | ')}`,
        );
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    say(`    ${records} bus rides credited and sealed for resident ${residentId}`);
    return resident;
  } finally {
    await stopChild(worker, 20_000);
  }
}

async function openSession(bench: BenchDatabase, residentId: number): Promise<string> {
  const ctx = await NestFactory.createApplicationContext(CliModule.forRoot(bench.config), {
    logger: ['error'],
  });
  try {
    return (await ctx.get(ResidentSessionsService).open(residentId)).token;
  } finally {
    await ctx.close();
  }
}
