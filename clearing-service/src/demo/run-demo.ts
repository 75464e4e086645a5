// `npm start`: migrates and seeds the demo program, then runs the api and the worker as two
// processes in the foreground until Ctrl-C, printing where to look.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { CliModule } from '../cli/cli.module';
import { loadConfigOrExit } from '../config/load-config';
import { migrateDatabase } from '../database/migrate';
import { DemoCredentials, seedDemo } from './seed-demo';

const stateDir = process.env.TANLIAN_DEMO_DIR ?? join(process.cwd(), '.demo');
const credentialsFile = join(stateDir, 'credentials.json');

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const base = `http://${config.http.host}:${config.http.port}`;
  if (await portTaken(config.http.host, config.http.port)) {
    fail(
      `port ${config.http.port} is already in use; stop what runs there or start with PORT=<another port> npm start`,
    );
  }

  step('migrating the database');
  await migrateDatabase(config);
  step('seeding the demo program');
  const ctx = await NestFactory.createApplicationContext(CliModule.forRoot(config), {
    logger: ['error'],
  });
  const saved = existsSync(credentialsFile)
    ? (JSON.parse(readFileSync(credentialsFile, 'utf8')) as DemoCredentials)
    : null;
  const credentials = await seedDemo(ctx, saved);
  await ctx.close();
  mkdirSync(stateDir, { recursive: true });
  writeFileSync(credentialsFile, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });

  step('starting api and worker');
  superviseUntilStopped([start('api', 'main.api.js'), start('worker', 'main.worker.js')]);

  if (!(await waitForReady(base))) return;
  process.stdout.write(
    [
      '',
      'Tanlian demo is running (Ctrl-C stops it).',
      `  API docs      ${base}/docs`,
      `  readiness     ${base}/health/ready`,
      `  metrics       ${base}/metrics`,
      `  credentials   ${credentialsFile} (API tokens of the demo admin, bureau, operators and merchants)`,
      '',
      'Try:',
      `  curl -s ${base}/v1/me -H "Authorization: Bearer $(node -p "require('${credentialsFile}').tokens['shenzhen-metro']")"`,
      '',
    ].join('\n'),
  );
}

let shuttingDown = false;

/**
 * Ctrl-C stops both processes gracefully (they finish in-flight work); if one dies on its own the
 * other is stopped too. The demo exits when both have.
 */
function superviseUntilStopped(children: ChildProcess[]): void {
  let running = children.length;
  const stopAll = (signal: NodeJS.Signals) => {
    shuttingDown = true;
    children.forEach((c) => c.exitCode === null && c.kill(signal));
  };
  process.on('SIGINT', () => stopAll('SIGINT'));
  process.on('SIGTERM', () => stopAll('SIGTERM'));
  for (const child of children) {
    child.on('exit', (code) => {
      if (!shuttingDown) {
        process.stderr.write(`[demo] a process exited (code ${code}); stopping the other\n`);
        process.exitCode = code || 1;
        stopAll('SIGTERM');
      }
      running -= 1;
      if (running === 0) process.exit();
    });
  }
}

function start(name: string, script: string): ChildProcess {
  const child = spawn(process.execPath, [join(__dirname, '..', script)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: process.env,
  });
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean))
        process.stdout.write(`[${name}] ${line}\n`);
    });
  }
  return child;
}

/** True once the api is ready; false when the demo is being stopped meanwhile. */
async function waitForReady(base: string): Promise<boolean> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && !shuttingDown) {
    try {
      if ((await fetch(`${base}/health/ready`)).status === 200) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  if (shuttingDown) return false;
  fail(`the api did not become ready at ${base}/health/ready within 60 s`);
}

function portTaken(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, host);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

function step(text: string): void {
  process.stdout.write(`[demo] ${text}\n`);
}

function fail(text: string): never {
  process.stderr.write(`[demo] ${text}\n`);
  process.exit(1);
}

main().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
