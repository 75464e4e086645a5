import { Command } from 'commander';
import { isConnectionFailure } from '../database/mysql-errors';
import { registerAuditCommands } from './commands/audit.commands';
import { registerDatabaseCommands } from './commands/database.commands';
import { registerLedgerCommands } from './commands/ledger.commands';
import { registerReportingCommands } from './commands/reporting.commands';
import { registerSecretsCommands } from './commands/secrets.commands';
import { registerSigningKeyCommands } from './commands/signing-key.commands';
import { registerTenancyCommands } from './commands/tenancy.commands';

// The admin CLI: `npm run cli -- <command> --help`.
const program = new Command('tanlian').description('Tanlian admin CLI: onboarding, keys, database');
registerDatabaseCommands(program);
registerTenancyCommands(program);
registerLedgerCommands(program);
registerReportingCommands(program);
registerAuditCommands(program);
registerSigningKeyCommands(program);
registerSecretsCommands(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(
    isConnectionFailure(err)
      ? `error: cannot connect to MySQL (${message}): check DATABASE_URL and that the server is up\n`
      : `error: ${message}\n`,
  );
  process.exit(1);
});
