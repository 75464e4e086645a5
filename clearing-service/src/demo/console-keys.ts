import { DEMO_PARTICIPANTS } from './demo-program';
import type { DemoCredentials } from './seed-demo';

/**
 * Which demo key signs in to the console as which role: printed by `npm start` beside the
 * console's URL. Only where to find each key (credentials.json), never the key itself: the
 * terminal's scrollback is no place for one.
 */
export function consoleKeyLines(credentials: DemoCredentials, credentialsFile: string): string[] {
  const roleOf = (code: string): string => {
    if (code === 'admin') return 'platform admin (every program; programs, participants, keys)';
    if (code === 'bureau') return 'environment bureau (methodologies, audit health, cosigning)';
    const p = DEMO_PARTICIPANTS.find((d) => d.code === code);
    return p ? `${p.roles.join(' + ')} ${p.name}` : code;
  };
  return [
    `  console keys  paste one of these from ${credentialsFile} (tokens.<name>) to sign in:`,
    ...Object.keys(credentials.tokens).map(
      (name) => `                  ${name.padEnd(16)} ${roleOf(name)}`,
    ),
  ];
}
