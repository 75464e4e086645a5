// The environment the service reads, from its own configuration schema (the built dist), so the
// compose and chart tests check against the real list, not a copy of it.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const dist = join(
  fileURLToPath(import.meta.url),
  '..',
  '..',
  '..',
  '..',
  'clearing-service',
  'dist',
);

export function serviceEnv() {
  let schema;
  try {
    ({ configSchema: schema } = require(join(dist, 'config', 'app-config.js')));
  } catch (err) {
    throw new Error(
      `build the service first (npm run -w sdk build && npm run -w clearing-service build): ${err.message}`,
    );
  }
  const all = Object.keys(schema.shape);
  const required = all.filter((k) => !schema.shape[k].safeParse(undefined).success);
  // Read by signing-keys-file.ts before the schema (a mounted secret instead of AUDIT_SIGNING_KEYS).
  return { all: [...all, 'AUDIT_SIGNING_KEYS_FILE'], required };
}

/** The queue names of the service (src/queue/queue-name.ts). */
export function queueNames() {
  return Object.values(require(join(dist, 'queue', 'queue-name.js')).QueueName);
}
