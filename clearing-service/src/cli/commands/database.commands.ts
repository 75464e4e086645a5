import type { Command } from 'commander';
import { loadConfigOrExit } from '../../config/load-config';
import { migrateDatabase } from '../../database/migrate';

export function registerDatabaseCommands(program: Command): void {
  program
    .command('db:migrate')
    .description('create the database if missing and apply pending migrations')
    .action(async () => {
      const applied = await migrateDatabase(loadConfigOrExit());
      process.stdout.write(
        applied.length ? `applied ${applied.join(', ')}\n` : 'database is up to date\n',
      );
    });
}
