import { readFileSync } from 'node:fs';

/**
 * AUDIT_SIGNING_KEYS_FILE: the checkpoint signing keys kept in a file (a mounted secret) rather
 * than the environment. Same entries as AUDIT_SIGNING_KEYS, one per line or comma-separated;
 * blank lines and `#` comments are ignored. Returns the environment with AUDIT_SIGNING_KEYS set
 * from the file, or an error message naming the variable.
 */
export function withSigningKeysFromFile(
  env: NodeJS.ProcessEnv,
): { env: NodeJS.ProcessEnv } | { error: string } {
  const path = env.AUDIT_SIGNING_KEYS_FILE;
  if (path === undefined || path === '') return { env };
  if (env.AUDIT_SIGNING_KEYS !== undefined) {
    return { error: 'AUDIT_SIGNING_KEYS_FILE cannot be set together with AUDIT_SIGNING_KEYS' };
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    return {
      error: `AUDIT_SIGNING_KEYS_FILE cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}: ${path})`,
    };
  }
  const entries = text
    .split('\n')
    .map((line) => line.replace(/#.*$/, '').trim())
    .flatMap((line) => line.split(','))
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) return { error: `AUDIT_SIGNING_KEYS_FILE holds no key (${path})` };
  return { env: { ...env, AUDIT_SIGNING_KEYS: entries.join(',') } };
}
