// The timed clear, in a process of its own so that its peak RSS is the clear's (plus the Nest
// context it runs in), not the bench's: close, aggregate + net, issue (注销, files, statements,
// their leaves), then CycleCheck. Prints one JSON line: each step's ms, the check, maxRSS.
import { CycleCheck } from '../../src/clearing/services/cycle-check';
import { CycleSteps } from '../../src/clearing/services/cycle-steps';
import { configOf, openContext } from './context';
import { findProgram } from './dataset';

async function clear(): Promise<void> {
  const env = JSON.parse(process.env.BENCH_CLEARING_ENV!) as Record<string, string>;
  const ctx = await openContext(configOf(env));
  try {
    const program = await findProgram(ctx);
    const steps = ctx.get(CycleSteps);
    const rssBefore = process.memoryUsage().rss;
    const ms: Record<string, number> = {};
    const time = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
      const t0 = performance.now();
      const result = await work();
      ms[name] = performance.now() - t0;
      return result;
    };
    const seq = await time('close', () => steps.close(program));
    await time('aggregate', () => steps.aggregate(program, seq));
    await time('issue', () => steps.issue(program, seq));
    const check = await time('check', () => ctx.get(CycleCheck).run(program, seq));
    process.stdout.write(
      JSON.stringify({
        seq,
        ms,
        check,
        rssBeforeMb: rssBefore / 2 ** 20,
        maxRssMb: process.resourceUsage().maxRSS / 1024,
      }) + '\n',
    );
  } finally {
    await ctx.close();
  }
}

clear().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
