import type { Command } from 'commander';
import { formatViewingKey } from '@tanlian/sdk';
import { AuditFsck } from '../../audit/services/audit-fsck';
import { ViewingKeys } from '../../audit/services/viewing-keys';
import { ResidentChains } from '../../audit/services/resident-chains';
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

  program
    .command('audit:viewing-key')
    .description(
      "issue the program's viewing key for the bureau: with it `tanlian-verify --viewing-key` replays every resident (docs/private-log.md). Shown once; a new one replaces the old, which then opens nothing served later",
    )
    .requiredOption('--program <code>', 'the program')
    .action((o) =>
      withServices(async (get) => {
        const target = await get(ProgramsStore).findByCode(o.program);
        if (!target) throw new CliError(`program ${o.program} not found`);
        const issued = await get(ViewingKeys).issue(target.id);
        process.stderr.write(
          `viewing key ${issued.keyId} issued for ${target.code}. It is shown once: hand it to the bureau, who keeps it in a file for tanlian-verify --viewing-key <file>.\n`,
        );
        process.stdout.write(`${formatViewingKey(issued)}\n`);
      }),
    );

  program
    .command('audit:rotate-resident-key')
    .description(
      "rotate one resident's key (when it leaked): a fresh random key signs their entries from their next one on; the old key keeps opening those before (docs/private-log.md)",
    )
    .requiredOption('--program <code>', 'the program')
    .requiredOption('--resident <id>', "the resident's id")
    .action((o) =>
      withServices(async (get) => {
        const target = await get(ProgramsStore).findByCode(o.program);
        if (!target) throw new CliError(`program ${o.program} not found`);
        const residentId = Number(o.resident);
        if (!Number.isSafeInteger(residentId) || residentId < 1) {
          throw new CliError(
            `--resident must be a resident's id (a whole number), not ${o.resident}`,
          );
        }
        const rotated = await get(ResidentChains).rotate(target.id, residentId);
        if (rotated === 'no_chain') {
          throw new CliError(
            `resident ${residentId} has no entries in ${target.code}'s log: nothing to rotate`,
          );
        }
        if (rotated === 'unused') {
          throw new CliError(
            `resident ${residentId}'s current key has signed no entry yet (rotated already): nothing to rotate`,
          );
        }
        print({
          resident: residentId,
          'new key': rotated.keyId,
          'signs from entry': rotated.fromSeq,
        });
      }),
    );
}
