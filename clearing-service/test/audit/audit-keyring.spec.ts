import { signNote, verifyNote } from '@tanlian/sdk';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../src/config/app-config';
import { loadConfig } from '../../src/config/load-config';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { AuditKeyring } from '../../src/audit/services/audit-keyring';
import { SecretsKeyring } from '../../src/secrets/secrets-keyring';
import { createTestDatabase } from '../support/test-config';

const baseEnv = {
  DATABASE_URL: 'mysql://root@127.0.0.1:3306/x',
  REDIS_URL: 'redis://127.0.0.1:6379',
  TANLIAN_SECRETS_KEY: randomBytes(32).toString('base64'),
  LOG_LEVEL: 'silent',
};

/** The keyring a worker builds; configured keys need no database. */
async function heldKeys(config: AppConfig, dataSource?: DataSource): Promise<AuditKeyring> {
  const keyring = new AuditKeyring(
    config,
    dataSource ?? (null as unknown as DataSource),
    new SecretsKeyring(config),
  );
  await keyring.onModuleInit();
  return keyring;
}

describe('audit signing keys', () => {
  it('holds the configured keys in order of preference', async () => {
    const [a, b] = [randomBytes(32), randomBytes(32)];
    const config = loadConfig({
      ...baseEnv,
      AUDIT_SIGNING_KEYS: `log-2026+${a.toString('base64')},log-2025+${b.toString('base64')}`,
    });
    const keyring = await heldKeys(config);
    expect(keyring.held.map((k) => k.name)).toEqual(['log-2026', 'log-2025']);
    expect(keyring.held[0].vkey).toMatch(/^log-2026\+[0-9a-f]{8}\+/);
    const note = signNote('tanlian.local/x/sha256\n1\nAAAA\n', keyring.held[0].signer);
    expect(verifyNote(note, [keyring.held[0].verifier]).ok).toBe(true);
  });

  it('unset, every process of a deployment holds one development key, kept sealed in the database', async () => {
    const db = await createTestDatabase('dev-signing-key');
    const dataSource = await new DataSource(dataSourceOptions(db.config)).initialize();
    try {
      expect(db.config.audit).toMatchObject({ signingKeys: null, originPrefix: 'tanlian.local' });
      const [one, two] = [
        await heldKeys(db.config, dataSource),
        await heldKeys(db.config, dataSource),
      ];
      expect(one.held.map((k) => k.name)).toEqual(['tanlian.local-dev']);
      expect(one.held[0].vkey).toBe(two.held[0].vkey);
      // Random, not derived from the secrets key: another deployment with the same secrets key differs.
      const other = await createTestDatabase('dev-signing-key-2', {
        TANLIAN_SECRETS_KEY: db.env.TANLIAN_SECRETS_KEY,
      });
      const otherSource = await new DataSource(dataSourceOptions(other.config)).initialize();
      try {
        expect((await heldKeys(other.config, otherSource)).held[0].vkey).not.toBe(one.held[0].vkey);
      } finally {
        await otherSource.destroy();
        await other.drop();
      }
      const [row]: { sealed_seed: Buffer }[] = await dataSource.query(
        'SELECT sealed_seed FROM audit_development_key',
      );
      expect(new SecretsKeyring(db.config).open(row.sealed_seed)).toEqual(
        Buffer.from(one.held[0].signer.secretKey),
      );
    } finally {
      await dataSource.destroy();
      await db.drop();
    }
  });

  it('stops at start-up on a malformed key entry, naming the variable', () => {
    expect(() => loadConfig({ ...baseEnv, AUDIT_SIGNING_KEYS: 'no-seed' })).toThrow(
      /^config error: AUDIT_SIGNING_KEYS must be comma-separated/,
    );
  });

  describe('from a file (AUDIT_SIGNING_KEYS_FILE, e.g. a mounted secret)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tanlian-keys-'));
    const file = (name: string, text: string) => {
      const path = join(dir, name);
      writeFileSync(path, text, { mode: 0o600 });
      return path;
    };

    it('reads one key per line, skipping comments and blank lines, first one preferred', async () => {
      const [a, b] = [randomBytes(32), randomBytes(32)];
      const path = file(
        'keys',
        `# rotated 2026-11: new key first\nlog-2026+${a.toString('base64')}\n\nlog-2025+${b.toString('base64')}  # old\n`,
      );
      const keyring = await heldKeys(loadConfig({ ...baseEnv, AUDIT_SIGNING_KEYS_FILE: path }));
      expect(Buffer.from(keyring.held[0].signer.secretKey)).toEqual(a);
      expect(keyring.held.map((k) => k.name)).toEqual(['log-2026', 'log-2025']);
    });

    it('names the file variable when the file is missing, empty or malformed, or both are set', () => {
      const seed = randomBytes(32).toString('base64');
      const cases: [Record<string, string>, RegExp][] = [
        [
          { AUDIT_SIGNING_KEYS_FILE: join(dir, 'absent') },
          /AUDIT_SIGNING_KEYS_FILE cannot be read \(ENOENT/,
        ],
        [
          { AUDIT_SIGNING_KEYS_FILE: file('empty', '# nothing yet\n') },
          /AUDIT_SIGNING_KEYS_FILE holds no key/,
        ],
        [
          { AUDIT_SIGNING_KEYS_FILE: file('bad', 'no-seed\n') },
          /AUDIT_SIGNING_KEYS_FILE must be comma-separated/,
        ],
        [
          { AUDIT_SIGNING_KEYS_FILE: file('ok', `k+${seed}\n`), AUDIT_SIGNING_KEYS: `k+${seed}` },
          /cannot be set together with AUDIT_SIGNING_KEYS/,
        ],
      ];
      for (const [env, message] of cases) {
        expect(() => loadConfig({ ...baseEnv, ...env })).toThrow(message);
      }
    });
  });
});
