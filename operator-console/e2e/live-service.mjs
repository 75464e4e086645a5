// A live clearing service for the browser tests: a fresh database on the real MariaDB, the built
// api and worker as processes of their own, and the built console served by the demo's own app
// server (clearing-service/src/demo/app-server.ts) with the api behind the same origin.
import { spawn, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import net from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const dist = join(root, 'clearing-service', 'dist');
const require = createRequire(import.meta.url);

const MYSQL = process.env.TEST_MYSQL_SERVER ?? 'mysql://root@127.0.0.1:3306';
const REDIS = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export async function freePort() {
  const server = net.createServer();
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  await new Promise((r) => server.close(r));
  return port;
}

function start(script, env) {
  const { nodeFlagsOf } = require(join(dist, 'config', 'node-flags.js'));
  const child = spawn(process.execPath, [...nodeFlagsOf(script), join(dist, script)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (c) => (log += c));
  child.stderr.on('data', (c) => (log += c));
  return { child, log: () => log };
}

async function waitFor(proc, pattern, ms = 60_000) {
  const deadline = Date.now() + ms;
  while (!pattern.test(proc.log())) {
    if (proc.child.exitCode !== null) throw new Error(`exited before ${pattern}:\n${proc.log()}`);
    if (Date.now() > deadline) throw new Error(`no ${pattern} in ${ms} ms:\n${proc.log()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function startLiveService() {
  const suffix = randomBytes(4).toString('hex');
  const apiPort = await freePort();
  const env = {
    DATABASE_URL: `${MYSQL}/console_e2e_${suffix}`,
    REDIS_URL: REDIS,
    QUEUE_PREFIX: `{tl-console-${suffix}}`,
    TANLIAN_SECRETS_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'warn',
    HTTP_HOST: '127.0.0.1',
    HTTP_PORT: String(apiPort),
    AUDIT_INTEGRATE_INTERVAL_MS: '200',
  };
  const cli = (...args) => {
    const out = execFileSync(process.execPath, [join(dist, 'cli', 'main.js'), ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }).toString();
    // The CLI prints `name  value` lines (cli-context.ts print()).
    return Object.fromEntries(
      out
        .split('\n')
        .map((line) => /^(.+?)\s{2,}(.*)$/.exec(line))
        .filter(Boolean)
        .map((m) => [m[1].trim(), m[2].trim()]),
    );
  };
  cli('db:migrate');
  const api = start('main.api.js', env);
  const worker = start('main.worker.js', env);
  await waitFor(api, /listening on/);
  const base = `http://127.0.0.1:${apiPort}`;
  const { serveApp } = require(join(dist, 'demo', 'app-server.js'));
  const consolePort = await freePort();
  const server = await serveApp({
    dir: join(here, '..', 'dist'),
    host: '127.0.0.1',
    port: consolePort,
    api: base,
    appConfig: {},
  });
  return {
    base,
    consoleUrl: `http://127.0.0.1:${consolePort}`,
    cli,
    logs: () => `--- api\n${api.log()}\n--- worker\n${worker.log()}`,
    async stop() {
      await new Promise((r) => server.close(r));
      for (const p of [api, worker]) {
        if (p.child.exitCode !== null) continue;
        const exited = new Promise((r) => p.child.once('exit', r));
        p.child.kill('SIGTERM');
        await exited;
      }
      await require(join(dist, 'database', 'migrate.js')).dropDatabase(env.DATABASE_URL);
    },
  };
}
