// `npm start`: migrates and seeds this checkout's demo program, then runs the api and the worker
// as two processes in the foreground until Ctrl-C, printing where to look, and feeds the api a
// gentle stream of simulated operator pushes so the system is seen working. Each checkout's demo
// has a database, a queue prefix and ports of its own (demo-checkout.ts, demo-ports.ts).
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfigOrExit } from '../config/load-config';
import { nodeFlagsOf } from '../config/node-flags';
import { migrateDatabase } from '../database/migrate';
import { locateDemo, withSecretsKey } from './demo-checkout';
import { isBuiltApp, serveApp } from './app-server';
import { consoleKeyLines } from './console-keys';
import {
  DEMO_PORT_SPAN,
  DEMO_SERVERS,
  type DemoPorts,
  type DemoServer,
  neighbourPort,
  takenPort,
} from './demo-ports';
import { lockDemoDatabase } from './demo-lock';
import {
  DEMO_OPERATOR_ROLES,
  DEMO_PARTICIPANTS,
  DEMO_PROGRAM,
  demoPopulation,
} from './demo-program';
import { resetDemo } from './demo-reset';
import { DemoSeedModule } from './demo-seed.module';
import { DemoProgress } from './demo-progress';
import {
  checkSameDatabase,
  checkSecretsOpen,
  demoStateOf,
  describeDatabase,
  readDemoState,
  writeDemoState,
} from './demo-state';
import { DemoCredentials, seedDemo } from './seed-demo';
import { type DemoFeed, feedDemo, OPERATOR_ROLES } from './simulator';
import { runDemoCycles, runShopDemo } from './simulator/shop-demo';

const checkoutRoot = join(__dirname, '..', '..', '..');
const PROGRESS_EVERY_MS = 10_000;
/** The web apps the demo serves beside the api, each from its built directory (demo-ports.ts). */
const APPS: { server: Exclude<DemoServer, 'api'>; dir: string }[] = [
  { server: 'h5', dir: join(checkoutRoot, 'miniapp', 'dist', 'h5') },
  { server: 'console', dir: join(checkoutRoot, 'operator-console', 'dist') },
];
/** The servers this demo runs: the api, and each app that is built. */
const SERVERS: DemoServer[] = [
  'api',
  ...APPS.filter((a) => isBuiltApp(a.dir)).map((a) => a.server),
];

async function main(): Promise<void> {
  const { reset } = options(process.argv.slice(2));
  const rate = eventsPerSecond(process.env.DEMO_EVENTS_PER_S);
  const { checkout, env, config, state } = await claimDemo(reset);
  const credentialsFile = join(checkout.stateDir, 'credentials.json');
  const base = `http://${config.http.host}:${config.http.port}`;
  step(
    `this checkout's demo: database ${describeDatabase(state)}, queue prefix ${state.queuePrefix}, state in ${checkout.stateDir}`,
  );

  step('migrating the database');
  await migrateDatabase(config);
  step('seeding the demo program (methodologies, operators’ signing secrets, residents’ bindings)');
  const ctx = await NestFactory.createApplicationContext(DemoSeedModule.forRoot(config), {
    logger: ['error'],
  });
  const saved = existsSync(credentialsFile)
    ? (JSON.parse(readFileSync(credentialsFile, 'utf8')) as Partial<DemoCredentials>)
    : null;
  let seeded;
  try {
    const keySource = checkout.env.TANLIAN_SECRETS_KEY
      ? 'TANLIAN_SECRETS_KEY'
      : join(checkout.stateDir, 'secrets-key');
    await checkSecretsOpen(ctx, state, keySource);
    seeded = await seedDemo(ctx, saved);
  } finally {
    await ctx.close();
  }
  const { credentials } = seeded;
  writeFileSync(credentialsFile, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  // The bureau's secrets as tanlian-verify reads them: from files, never the command line.
  const viewingKeyFile = join(checkout.stateDir, 'viewing-key');
  const bureauKeyFile = join(checkout.stateDir, 'bureau-api-key');
  writeFileSync(viewingKeyFile, `${credentials.viewingKey}\n`, { mode: 0o600 });
  writeFileSync(bureauKeyFile, `${credentials.tokens.bureau}\n`, { mode: 0o600 });
  step(
    `${seeded.residents} residents with ${seeded.bindings} operator bindings (${seeded.newBindings} new)`,
  );

  step('starting api and worker');
  superviseUntilStopped([start('api', 'main.api.js', env), start('worker', 'main.worker.js', env)]);

  if (!(await waitForReady(base))) return;
  const appLines = await serveApps(config.http.host, checkout.ports, base, {
    program: credentials.program,
    // The H5 build signs in with a development code only when the api uses the development
    // WeChat provider (no WECHAT_APP_ID/SECRET): then it trusts anyone anyway.
    developmentSignIn: config.wechat === null,
  });
  process.stdout.write(
    [
      '',
      'Tanlian demo is running (Ctrl-C stops it).',
      `  API docs      ${base}/docs`,
      `  readiness     ${base}/health/ready`,
      `  metrics       ${base}/metrics`,
      ...appLines,
      ...(SERVERS.includes('console') ? consoleKeyLines(credentials, credentialsFile) : []),
      `  credentials   ${credentialsFile} (API tokens of the demo admin, bureau, operators and merchants; operators' webhook secrets)`,
      `  database      ${describeDatabase(state)}, queue prefix ${state.queuePrefix}: this checkout's own (npm start -- --reset starts it afresh)`,
      `  ports         ${checkout.ports.api}-${checkout.ports.api + DEMO_PORT_SPAN - 1}, this demo's (the api's, then the H5's and the console's when they arrive); PORT=${neighbourPort(checkout.ports)} npm start in another checkout runs a second demo beside it`,
      '',
      'Try:',
      `  curl -s ${base}/v1/me -H "Authorization: Bearer $(node -p "require('${credentialsFile}').tokens['shenzhen-metro']")"`,
      `  curl -s ${base}/v1/programs/${credentials.program}/audit/checkpoint    # the audit log's signed checkpoint`,
      `  npx tanlian-verify --url ${base} --program ${credentials.program}    # verify the whole log and the balances, as any auditor can`,
      `  npx tanlian-verify --url ${base} --program ${credentials.program} --viewing-key ${viewingKeyFile} --api-key-file ${bureauKeyFile}    # and every resident, as the bureau can`,
      '',
    ].join('\n'),
  );
  await fundPrepaidOperators(base, credentials);
  startShopAndCycles(base, credentials, seeded.shoppers);
  if (rate === 0) {
    step('no simulated events (DEMO_EVENTS_PER_S=0)');
    return;
  }
  step(
    `feeding ${rate} simulated events/s from ${seeded.residents} residents' metro, bus, bike, walking and electricity (DEMO_EVENTS_PER_S=0 turns it off)`,
  );
  const progress = await DemoProgress.open(config.database.url, DEMO_PROGRAM.code);
  if (shuttingDown) return void (await progress.close());
  feed = feedDemo({
    baseUrl: base,
    program: credentials.program,
    operators: OPERATOR_ROLES.map((role) => ({
      role,
      code: DEMO_OPERATOR_ROLES[role],
      secret: credentials.webhookSecrets[DEMO_OPERATOR_ROLES[role]].secret,
    })),
    population: demoPopulation(),
    ratePerSecond: rate,
  });
  const activeFeed = feed;
  stopProgress = () => {
    clearInterval(ticker);
    void progress.close();
  };
  const ticker = setInterval(() => {
    if (shuttingDown) return;
    progress
      .line(activeFeed.stats)
      .then((line) => !shuttingDown && step(line))
      .catch((err: Error) => !shuttingDown && step(`progress unavailable: ${err.message}`));
  }, PROGRESS_EVERY_MS);
  activeFeed.done.catch((err: Error) => {
    if (!shuttingDown) step(`the event feed stopped: ${err.message}`);
  });
}

/**
 * This checkout's demo and what it runs with: locked, so that no second demo uses its database
 * while it runs; on free ports; reset when asked; its state directory checked against the database.
 */
async function claimDemo(reset: boolean) {
  const located = locateDemo(process.env, join(checkoutRoot, '.demo'));
  if ('error' in located) fail(located.error);
  const checkout = located;
  let env = withSecretsKey(checkout);
  let config = loadConfigOrExit(env);
  await lockDemoDatabase(config.database.url);
  const taken = await takenPort(config.http.host, checkout.ports, SERVERS);
  if (taken) {
    fail(
      `port ${taken.port} (for the ${taken.label}) is in use, perhaps by another checkout's demo: start this one with PORT=${taken.suggestion ?? '<another port>'} npm start`,
    );
  }
  if (reset) {
    await resetDemo(config, checkout.stateDir, step);
    env = withSecretsKey(checkout);
    config = loadConfigOrExit(env);
  }
  const state = demoStateOf(checkout, config);
  checkSameDatabase(readDemoState(checkout.stateDir), state);
  writeDemoState(state);
  return { checkout, env, config, state };
}

// Each prepaid operator's opening float (1 fen a point: ¥10,000), so the points its residents earn
// are issued; the reference makes it once only, however often the demo restarts. References are
// unique per program, not per operator: each operator's float needs its own.
const OPENING_FLOAT_POINTS = 1_000_000;

async function fundPrepaidOperators(base: string, credentials: DemoCredentials): Promise<void> {
  const prepaid = DEMO_PARTICIPANTS.filter((p) => p.fundingMode === 'prepaid');
  const done: string[] = [];
  for (const p of prepaid) {
    const res = await fetch(
      `${base}/v1/programs/${credentials.program}/participants/${p.code}/funding/top-ups`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${credentials.tokens.admin}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          points: OPENING_FLOAT_POINTS,
          reference: `opening-float-${p.code}`,
        }),
      },
    ).catch((err: Error) => err);
    if (res instanceof Error || !res.ok) {
      step(
        `could not top up ${p.code}'s point block (${res instanceof Error ? res.message : `HTTP ${res.status}`}); its points will wait, unfunded`,
      );
    } else done.push(p.code);
  }
  if (done.length)
    step(
      `prepaid operators' point blocks hold their opening float (${done.join(', ')}: ${OPENING_FLOAT_POINTS.toLocaleString('en')} points each)`,
    );
}

/** Serves each built app on its port, the api behind it; answers the lines that say where. */
async function serveApps(
  host: string,
  ports: DemoPorts,
  api: string,
  appConfig: { program: string; developmentSignIn: boolean },
): Promise<string[]> {
  const lines: string[] = [];
  for (const app of APPS) {
    const label = DEMO_SERVERS[app.server].label;
    if (!isBuiltApp(app.dir)) {
      lines.push(`  ${label.padEnd(13)} not built (${app.dir} has no index.html)`);
      continue;
    }
    const port = ports[app.server];
    await serveApp({ dir: app.dir, host, port, api, appConfig });
    // The mini-program opens with a demo resident signed in (a development code in the URL).
    const url =
      app.server === 'h5' && appConfig.developmentSignIn
        ? `http://${host}:${port}/#/pages/home/index?signin=dev:demo-resident`
        : `http://${host}:${port}/`;
    lines.push(`  ${label.padEnd(13)} ${url}`);
  }
  return lines;
}

/**
 * The demo's merchants selling for points (a till sale every DEMO_SALE_MS, default 2,000), and a
 * clearing cycle closed every DEMO_CYCLE_MINUTES (default 5; 0 turns both off).
 */
function startShopAndCycles(base: string, credentials: DemoCredentials, shoppers: string[]): void {
  const minutes = cycleMinutes(process.env.DEMO_CYCLE_MINUTES);
  if (minutes === 0) return step('no till sales and no clearing cycles (DEMO_CYCLE_MINUTES=0)');
  const merchants = DEMO_PARTICIPANTS.filter((p) => p.roles.includes('merchant')).map((p) => ({
    code: p.code,
    token: credentials.tokens[p.code],
  }));
  const shop = runShopDemo(
    { baseUrl: base, program: credentials.program, merchants, residents: shoppers, everyMs: 2_000 },
    (message) => !shuttingDown && step(message),
  );
  const cycles = runDemoCycles(
    {
      baseUrl: base,
      program: credentials.program,
      adminToken: credentials.tokens.admin,
      everyMs: minutes * 60_000,
    },
    (line) => !shuttingDown && step(`${line} (tills so far: ${JSON.stringify(shop.stats)})`),
    (message) => !shuttingDown && step(message),
  );
  stopShop = () => {
    shop.stop();
    cycles.stop();
  };
  step(
    `${merchants.map((m) => m.code).join(' and ')} take ${shoppers.length} residents' redemption codes at their tills (holds, captures, some voids and refunds); a clearing cycle closes every ${minutes} min (DEMO_CYCLE_MINUTES)`,
  );
}

function cycleMinutes(value: string | undefined): number {
  if (value === undefined || value === '') return 5;
  const minutes = Number(value);
  if (!Number.isFinite(minutes) || minutes < 0 || minutes > 1440)
    fail(
      `DEMO_CYCLE_MINUTES must be a number of minutes from 0 to 1440 (0 turns the shop off), not "${value}"`,
    );
  return minutes;
}

let stopShop: () => void = () => {};
let shuttingDown = false;
let feed: DemoFeed | null = null;
let stopProgress: () => void = () => {};

/**
 * Ctrl-C stops the feed, then both processes gracefully (they finish in-flight work); if one dies
 * on its own the other is stopped too. The demo exits when both have.
 */
function superviseUntilStopped(children: ChildProcess[]): void {
  let running = children.length;
  const stopAll = (signal: NodeJS.Signals) => {
    if (!shuttingDown && feed)
      step(`stopping (the feed sent ${feed.stats.events.toLocaleString('en')} events)`);
    shuttingDown = true;
    stopProgress();
    stopShop();
    void feed?.stop();
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

function start(name: string, script: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, [...nodeFlagsOf(script), join(__dirname, '..', script)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
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

function eventsPerSecond(value: string | undefined): number {
  if (value === undefined || value === '') return 20;
  const rate = Number(value);
  if (!Number.isFinite(rate) || rate < 0 || rate > 5000)
    fail(
      `DEMO_EVENTS_PER_S must be a number from 0 to 5000 (0 turns the feed off), not "${value}"`,
    );
  return rate;
}

function step(text: string): void {
  process.stdout.write(`[demo] ${text}\n`);
}

function fail(text: string): never {
  process.stderr.write(`[demo] ${text}\n`);
  process.exit(1);
}

/** `npm start -- --reset` is the only option. */
function options(args: string[]): { reset: boolean } {
  for (const arg of args) {
    if (arg !== '--reset')
      fail(`unknown option ${arg}: npm start -- --reset starts this checkout's demo afresh`);
  }
  return { reset: args.includes('--reset') };
}

// Every failure is one line, no stack: a mismatch of key and database says how to reset.
main().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
