import { signNote, verifyNote } from '@tanlian/sdk';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load-config';
import { heldKeys } from './held-keys';

const baseEnv = {
  DATABASE_URL: 'mysql://root@127.0.0.1:3306/x',
  REDIS_URL: 'redis://127.0.0.1:6379',
  TANLIAN_SECRETS_KEY: randomBytes(32).toString('base64'),
  LOG_LEVEL: 'silent',
};

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
