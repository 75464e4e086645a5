// The live service the browser test runs against: this checkout's demo (`run-demo.js`: migrate,
// seed, api + worker) on a fresh database of its own, in a temporary state directory, with the
// checkpoint key the test generates (so the H5 build can pin it), the simulated feed off.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SERVICE = join(__dirname, '../../../clearing-service/dist');

export interface Credentials {
  program: string;
  tokens: Record<string, string>;
  webhookSecrets: Record<string, { id: string; secret: string }>;
}

export async function freePort(span = 1): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    if (port + span < 65535) return port;
  }
}

export class LiveService {
  output = '';
  private readonly child: ChildProcess;
  private readonly exited: Promise<number | null>;
  readonly stateDir = mkdtempSync(join(tmpdir(), 'tanlian-miniapp-e2e-'));

  constructor(
    readonly port: number,
    signingKey: string,
  ) {
    this.child = spawn(process.execPath, [join(SERVICE, 'demo/run-demo.js')], {
      env: {
        PATH: process.env.PATH,
        TANLIAN_DEMO_DIR: this.stateDir,
        PORT: String(port),
        DEMO_EVENTS_PER_S: '0',
        AUDIT_INTEGRATE_INTERVAL_MS: '200',
        AUDIT_SIGNING_KEYS: signingKey,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    for (const s of [this.child.stdout!, this.child.stderr!])
      s.on('data', (c: Buffer) => (this.output += c.toString()));
    this.exited = new Promise((resolve) => this.child.on('exit', resolve));
  }

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async ready(timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let exited = false;
    void this.exited.then(() => (exited = true));
    while (!/\[demo\] no simulated events/.test(this.output)) {
      if (exited || Date.now() > deadline)
        throw new Error(`the service did not start:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  credentials(): Credentials {
    return JSON.parse(readFileSync(join(this.stateDir, 'credentials.json'), 'utf8')) as Credentials;
  }

  database(): string | undefined {
    try {
      return (
        JSON.parse(readFileSync(join(this.stateDir, 'state.json'), 'utf8')) as { database: string }
      ).database;
    } catch {
      return undefined; // it stopped before choosing one
    }
  }

  /** Stops api and worker (Ctrl-C), then drops the demo's database and state. */
  async stop(): Promise<void> {
    const database = this.database();
    if (this.child.exitCode === null) {
      this.child.kill('SIGINT');
      const timer = setTimeout(() => process.kill(-this.child.pid!, 'SIGKILL'), 15_000);
      await this.exited;
      clearTimeout(timer);
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the service's own code, built
    const { dropDatabase } = require(join(SERVICE, 'database/migrate.js')) as {
      dropDatabase: (url: string) => Promise<void>;
    };
    if (database)
      await dropDatabase(`mysql://root@127.0.0.1:3306/${database}`).catch(() => undefined);
    rmSync(this.stateDir, { recursive: true, force: true });
  }
}

/** The service's app server (the demo's `serveApp`), for a built H5 directory. */
export async function serveH5(dir: string, port: number, api: string, program: string) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the service's own code, built
  const { serveApp } = require(join(SERVICE, 'demo/app-server.js')) as {
    serveApp: (o: {
      dir: string;
      host: string;
      port: number;
      api: string;
      appConfig: object;
    }) => Promise<import('node:http').Server>;
  };
  return serveApp({
    dir,
    host: '127.0.0.1',
    port,
    api,
    appConfig: { program, developmentSignIn: true },
  });
}
