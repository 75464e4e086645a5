import type { Command } from 'commander';
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
    .action((o) =>
      withServices(async (get) => {
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
