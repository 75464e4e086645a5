/**
 * The built entry points as an operator runs them (dist/, built by `npm test` before the tests):
 * configuration errors, and the admin CLI end to end.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../support/built-process';
import { createTestDatabase, TestDatabase } from '../support/test-config';

const dist = join(__dirname, '..', '..', 'dist');

function run(script: string, args: string[], env: Record<string, string | undefined>) {
  const cleanEnv = { PATH: process.env.PATH, ...env };
  return spawnSync(process.execPath, [join(dist, script), ...args], {
    env: cleanEnv as NodeJS.ProcessEnv,
    encoding: 'utf8',
    timeout: 30_000,
  });
}

beforeAll(() => {
  if (!existsSync(join(dist, 'main.api.js'))) {
    throw new Error(
      'clearing-service/dist is missing: run `npm run build` (npm test does) before these tests',
    );
  }
});

describe('configuration validated at start-up', () => {
  const valid = {
    DATABASE_URL: 'mysql://root@127.0.0.1:3306/tanlian_unused',
    REDIS_URL: 'redis://127.0.0.1:6379',
    TANLIAN_SECRETS_KEY: Buffer.alloc(32, 1).toString('base64'),
  };

  it.each(['main.api.js', 'main.worker.js'])(
    '%s exits non-zero with one line naming a missing DATABASE_URL',
    (script) => {
      const res = run(script, [], { ...valid, DATABASE_URL: undefined });
      expect(res.status).not.toBe(0);
      expect(res.stderr.trim().split('\n')).toEqual([
        expect.stringContaining('DATABASE_URL is required'),
      ]);
    },
  );

  it.each([
    ['DATABASE_URL', 'postgres://x/y', 'DATABASE_URL must be a mysql:// URL'],
    ['REDIS_URL', 'localhost', 'REDIS_URL must be a redis:// URL'],
    [
      'TANLIAN_SECRETS_KEY',
      'c2hvcnQ=',
      'TANLIAN_SECRETS_KEY must be comma-separated base64 keys of exactly 32 bytes',
    ],
    ['HTTP_PORT', 'eighty', 'HTTP_PORT must be a port number'],
    ['STORAGE_TIMEOUT_MS', '50', 'STORAGE_TIMEOUT_MS must be 100-60000'],
  ])('names a malformed %s', (name, value, message) => {
    const res = run('main.api.js', [], { ...valid, [name]: value });
    expect(res.status).not.toBe(0);
    expect(res.stderr).toContain(message);
  });
});

describe('admin CLI', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('cli');
  });
  afterAll(() => db.drop());

  const cli = (...args: string[]) => run('cli/main.js', args, db.env);

  it('onboards a program, an operator and a key, and revokes the key', () => {
    const program = cli(
      'program:create',
      '--code',
      'wuhan',
      '--name',
      '武汉碳普惠',
      '--grams-per-point',
      '10',
      '--audit-hash',
      'sm3',
    );
    expect(program.stderr).toBe('');
    expect(program.status).toBe(0);
    expect(program.stdout).toMatch(/program\s+wuhan/);

    const participant = cli(
      'participant:create',
      '--program',
      'wuhan',
      '--code',
      'wuhan-metro',
      '--name',
      '武汉地铁',
      '--roles',
      'operator',
      '--funding',
      'prepaid',
    );
    expect(participant.status).toBe(0);

    const key = cli(
      'key:create',
      '--program',
      'wuhan',
      '--participant',
      'wuhan-metro',
      '--label',
      'gateway',
    );
    expect(key.status).toBe(0);
    const keyId = /key\s+(key_[0-9a-f]{16})/.exec(key.stdout)?.[1];
    expect(key.stdout).toMatch(/token\s+key_[0-9a-f]{16}\.\S{43}/);
    expect(keyId).toBeDefined();

    const revoked = cli('key:revoke', '--key', keyId!);
    expect(revoked.status).toBe(0);
    const list = cli('key:list', '--program', 'wuhan', '--participant', 'wuhan-metro');
    expect(list.stdout).toContain(`${keyId}\trevoked`);
  });

  it('checks the ledger invariants: pass, then the first violation with its rows', async () => {
    const ok = cli('ledger:check');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^pass: \d+ invariants hold/);

    // A balance that no posting explains: the kind of damage a bad manual fix would do.
    const { DataSource } = await import('typeorm');
    const ds = new DataSource({ type: 'mysql', url: db.config.database.url });
    await ds.initialize();
    try {
      const [p] = await ds.query("SELECT id FROM programs WHERE code = 'wuhan'");
      const [o] = await ds.query("SELECT id FROM participants WHERE code = 'wuhan-metro'");
      await ds.query(
        "INSERT INTO ledger_accounts (program_id, issuer_id, kind, owner_id, expires_on, balance) VALUES (?, ?, 'resident', 1, '2029-12-31', 5)",
        [p.id, o.id],
      );
    } finally {
      await ds.destroy();
    }
    const bad = cli('ledger:check', '--program', 'wuhan');
    expect(bad.status).toBe(2);
    expect(bad.stdout).toContain('FAIL: invariant 1 double entry (assets)');
    expect(bad.stdout).toMatch(/"sum":"5"/);

    // The audit log's own check sees the same damage: a balance no leaf explains.
    const fsck = cli('audit:fsck', '--program', 'wuhan');
    expect(fsck.stderr).toContain('checking the audit log of wuhan');
    expect(fsck.stdout).toMatch(/result\s+FAIL/);
    expect(fsck.stdout).toMatch(/check\s+balance/);
    expect(fsck.status).toBe(2);
  });

  it.each([
    ['a command', ['key:list', '--program', 'wuhan', '--participant', 'wuhan-metro']],
    ['db:migrate', ['db:migrate']],
  ])('says in one line, without a stack, that it cannot connect to MySQL (%s)', async (_, args) => {
    const res = run('cli/main.js', args, {
      ...db.env,
      DATABASE_URL: `mysql://root@127.0.0.1:${await freePort()}/tanlian_unused`,
    });
    expect(res.status).toBe(1);
    expect(res.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^error: cannot connect to MySQL \(connect ECONNREFUSED .*DATABASE_URL/,
      ),
    ]);
  });

  it('refuses bad input with a clear message and a non-zero exit', () => {
    const badCode = cli('program:create', '--code', 'Not A Code', '--name', 'x');
    expect(badCode.status).toBe(1);
    expect(badCode.stderr).toContain('code must be 2-32 characters');

    const noProgram = cli(
      'participant:create',
      '--program',
      'nowhere',
      '--code',
      'shop',
      '--name',
      'Shop',
      '--roles',
      'merchant',
    );
    expect(noProgram.status).toBe(1);
    expect(noProgram.stderr).toContain('program nowhere not found');

    const taken = cli('program:create', '--code', 'wuhan', '--name', 'again');
    expect(taken.status).toBe(1);
    expect(taken.stderr).toContain('Program code wuhan is taken');
  });
});
