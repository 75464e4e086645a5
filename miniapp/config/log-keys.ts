// The audit log's checkpoint keys pinned in the build: `TANLIAN_LOG_KEYS` (C2SP verifier keys,
// comma-separated) when set, else config/pinned-log-keys.json. A production build pins the deployment's
// genesis key; later keys are learned from the log's own announcements (src/audit/trust.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PinnedLogKeys {
  /** The log's origin (first line of its checkpoints); empty: take it from the first checkpoint. */
  origin: string;
  /** C2SP verifier keys, `<name>+<key id>+<base64>`. */
  keys: string[];
}

export function pinnedLogKeys(env: NodeJS.ProcessEnv): PinnedLogKeys {
  if (env.TANLIAN_LOG_KEYS) {
    return {
      origin: env.TANLIAN_LOG_ORIGIN ?? '',
      keys: env.TANLIAN_LOG_KEYS.split(',')
        .map((k) => k.trim())
        .filter(Boolean),
    };
  }
  const file = JSON.parse(
    readFileSync(join(__dirname, 'pinned-log-keys.json'), 'utf8'),
  ) as PinnedLogKeys;
  return { origin: file.origin ?? '', keys: file.keys ?? [] };
}
