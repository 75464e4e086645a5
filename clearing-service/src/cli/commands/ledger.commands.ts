import type { Command } from 'commander';
import { LedgerCheck } from '../../invariants/ledger-check';
import { withServices } from '../cli-context';

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
}
