import type { Command } from 'commander';
import { CycleCheck } from '../../clearing/services/cycle-check';
import { LedgerCheck } from '../../invariants/ledger-check';
import { PointsExpiry } from '../../ledger/services/points-expiry';
import { ProgramsStore } from '../../tenancy/services/programs-store';
import { chinaDay } from '../../time/china-time';
import { CliError, print, withServices } from '../cli-context';

export function registerLedgerCommands(program: Command): void {
  program
    .command('ledger:check')
    .description(
      'check the ledger invariants (double entry, append-only, exactly once, no overdraft, cached balances, one leaf per transaction, nothing left unprocessed) over the live database',
    )
    .option('--program <code>', 'only this program')
    .option(
      '--cycle <n>',
      "and this clearing cycle of the program: each pair's 注销, Σ net = 0, every file's hash and leaf, the files made again byte for byte",
    )
    .action((o) =>
      withServices(async (get) => {
        if (o.cycle !== undefined) {
          if (!o.program || !/^\d{1,9}$/.test(o.cycle))
            throw new CliError('--cycle <n> needs --program <code> and a cycle number');
          const program = await get(ProgramsStore).findByCode(o.program);
          if (!program) throw new CliError(`program ${o.program} not found`);
          const cycle = await get(CycleCheck).run(program, Number(o.cycle));
          for (const line of cycle.checked) process.stdout.write(`  ${line}\n`);
          if (!cycle.ok) {
            process.stdout.write(`FAIL: cycle ${o.cycle}: ${cycle.failure}\n`);
            process.exitCode = 2;
            return;
          }
          // What each merchant's reconciliation trailer must say (END,<lines>,<points>,<net fen>).
          for (const m of cycle.merchants)
            process.stdout.write(
              `reconciliation ${m.merchant}  lines=${m.lines} points=${m.points} net_fen=${m.netFen}\n`,
            );
          process.stdout.write(`pass: cycle ${o.cycle} of ${o.program}\n`);
        }
        const result = await get(LedgerCheck).run(o.program);
        if (result.ok) {
          process.stdout.write(
            `pass: ${result.checked.length} invariants hold${o.program ? ` for ${o.program}` : ''}\n`,
          );
          return;
        }
        const v = result.violation!;
        process.stdout.write(`FAIL: invariant ${v.invariant}: ${v.description}\n`);
        for (const row of v.rows) process.stdout.write(`  ${JSON.stringify(row)}\n`);
        process.exitCode = 2;
      }),
    );

  program
    .command('ledger:expire')
    .description(
      "expire a program's lots whose date has passed now (the worker does it every ten minutes): each lot's points move to its issuer's expired account, with a resident entry in the audit log",
    )
    .requiredOption('--program <code>', 'the program')
    .option(
      '--on <YYYY-MM-DD>',
      'the China day to expire as of (default today); lots dated before it expire',
    )
    .action((o) =>
      withServices(async (get) => {
        const target = await get(ProgramsStore).findByCode(o.program);
        if (!target) throw new CliError(`program ${o.program} not found`);
        const today = o.on ?? chinaDay(new Date());
        if (!/^\d{4}-\d{2}-\d{2}$/.test(today))
          throw new CliError(`--on must be YYYY-MM-DD, not ${today}`);
        print({
          program: target.code,
          'as of': today,
          'lots expired': await get(PointsExpiry).expireDue(target, today),
        });
      }),
    );
}
