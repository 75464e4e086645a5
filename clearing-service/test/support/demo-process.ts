import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoCredentials } from '../../src/demo/seed-demo';
import type { DemoState } from '../../src/demo/demo-state';

const runDemo = join(__dirname, '..', '..', 'dist', 'demo', 'run-demo.js');
// The last line of a start with the feed off: migrated, seeded, api ready, floats topped up.
const READY = /\[demo\] no simulated events/;

/**
 * `npm start` of one checkout, as start.sh runs it (the built run-demo.js) with nothing set but
 * the checkout's state directory and PORT: the demo picks its database, queue prefix and key.
 */
export class DemoProcess {
  output = '';
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;

  constructor(
    readonly stateDir: string,
    readonly port: number,
    args: string[] = [],
    env: Record<string, string> = {},
  ) {
    this.child = spawn(process.execPath, [runDemo, ...args], {
      env: {
        PATH: process.env.PATH,
        TANLIAN_DEMO_DIR: stateDir,
        PORT: String(port),
        DEMO_EVENTS_PER_S: '0',
        AUDIT_INTEGRATE_INTERVAL_MS: '200',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group, so a stuck demo's api and worker can be killed too
    });
    for (const stream of [this.child.stdout!, this.child.stderr!])
      stream.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Resolves once the demo is ready; rejects with its output if it exits or takes too long. */
  async ready(timeoutMs = 60_000): Promise<this> {
    const deadline = Date.now() + timeoutMs;
    let exited = false;
    void this.exited.then(() => (exited = true));
    while (!READY.test(this.output)) {
      if (exited || Date.now() > deadline)
        throw new Error(`the demo in ${this.stateDir} is not ready:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return this;
  }

  credentials(): DemoCredentials {
    return JSON.parse(readFileSync(join(this.stateDir, 'credentials.json'), 'utf8'));
  }

  state(): DemoState {
    return JSON.parse(readFileSync(join(this.stateDir, 'state.json'), 'utf8'));
  }

  /** Ctrl-C, as a user stops it; the whole group is killed if it has not exited within 15 s. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGINT');
    const timer = setTimeout(() => process.kill(-this.child.pid!, 'SIGKILL'), 15_000);
    await this.exited;
    clearTimeout(timer);
  }
}
