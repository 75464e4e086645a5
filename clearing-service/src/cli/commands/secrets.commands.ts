import type { Command } from 'commander';
import { SecretsReseal } from '../../secrets/secrets-reseal';
import { print, withServices } from '../cli-context';

// Rotating TANLIAN_SECRETS_KEY: put the new key first (keep the old one after it), restart, run
// secrets:reseal, check secrets:status shows nothing older, then drop the old key.
export function registerSecretsCommands(program: Command): void {
  program
    .command('secrets:status')
    .description(
      'count the stored secrets by the TANLIAN_SECRETS_KEY key they are sealed under (current, older, unreadable)',
    )
    .action(() =>
      withServices(async (get) => {
        const status = await get(SecretsReseal).status();
        print({ 'sealing key': status.currentKeyId, 'configured keys': status.keyIds.join(', ') });
        for (const k of status.kinds) {
          process.stdout.write(
            `${k.kind}\tcurrent ${k.current}\tolder ${k.older}\tunreadable ${k.unreadable}${k.unreadableIds.length ? `\t${k.unreadableIds.join(' ')}` : ''}\n`,
          );
        }
        if (status.kinds.some((k) => k.unreadable > 0)) process.exitCode = 2;
      }),
    );

  program
    .command('secrets:reseal')
    .description('re-seal every stored secret under the current (first) TANLIAN_SECRETS_KEY key')
    .action(() =>
      withServices(async (get) => {
        const result = await get(SecretsReseal).reseal();
        print({
          're-sealed': result.resealed,
          'already current': result.alreadyCurrent,
          'could not read': result.unreadable,
          ...(result.unreadableIds.length ? { unreadable: result.unreadableIds.join(' ') } : {}),
        });
        if (result.unreadable > 0) process.exitCode = 2;
      }),
    );
}
