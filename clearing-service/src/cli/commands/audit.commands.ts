import type { Command } from 'commander';
import { AuditFsck } from '../../audit/services/audit-fsck';
import { ProgramsStore } from '../../tenancy/services/programs-store';
import { CliError, print, withServices } from '../cli-context';

export function registerAuditCommands(program: Command): void {
  program
    .command('audit:fsck')
    .description(
      "verify a program's audit log against its own ledger now, as `npx tanlian-verify` would over HTTP (signatures, roots, consistency, leaves, balances); stores the result the bureau sees",
    )
    .requiredOption('--program <code>', 'the program')
    .action((o) =>
      withServices(async (get) => {
        const target = await get(ProgramsStore).findByCode(o.program);
        if (!target) throw new CliError(`program ${o.program} not found`);
        process.stderr.write(`checking the audit log of ${target.code}…\n`);
        const result = await get(AuditFsck).check(target);
        const d = result.discrepancy;
        print({
          result: result.status === 'pass' ? 'pass' : 'FAIL',
          'tree size': result.treeSize,
          'accounts checked': result.accountsChecked,
          'took (ms)': result.durationMs,
          ...(d
            ? {
                check: d.check,
                leaf: d.leafIndex ?? '-',
                account: d.account ?? '-',
                discrepancy: d.message,
              }
            : {}),
        });
        if (d) process.exitCode = 2;
      }),
    );
}
