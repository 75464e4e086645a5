import type { Command } from 'commander';
import { DataSource } from 'typeorm';
import { replaceRollups, rollupDifferences } from '../../reporting/services/rollup-rebuild';
import { ProgramsStore } from '../../tenancy/services/programs-store';
import { CliError, withServices } from '../cli-context';

export function registerReportingCommands(program: Command): void {
  program
    .command('reporting:rebuild')
    .description(
      "make a program's dashboard rollups again from the ledger, the reductions and the cycles, and compare them with those stored; --replace stores the ones made again",
    )
    .requiredOption('--program <code>', 'the program')
    .option('--replace', 'replace the stored rollups with those made again')
    .action((o) =>
      withServices(async (get) => {
        const target = await get(ProgramsStore).findByCode(o.program);
        if (!target) throw new CliError(`program ${o.program} not found`);
        const db = get(DataSource);
        const differences = await rollupDifferences(db, target.id);
        for (const d of differences.slice(0, 50))
          process.stdout.write(
            `  differs: ${d.table} ${d.key}: expected ${d.expected ?? 'no row'}, stored ${d.stored ?? 'no row'}\n`,
          );
        if (o.replace) {
          await replaceRollups(db, target.id);
          const left = await rollupDifferences(db, target.id);
          process.stdout.write(
            `replaced: ${differences.length} rows differed, ${left.length} now\n`,
          );
          if (left.length > 0) process.exitCode = 2;
          return;
        }
        if (differences.length > 0) {
          process.stdout.write(`FAIL: ${differences.length} rollup rows differ from the ledger\n`);
          process.exitCode = 2;
          return;
        }
        process.stdout.write(`pass: the rollups of ${o.program} equal the ledger's figures\n`);
      }),
    );
}
