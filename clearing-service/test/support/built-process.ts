import { nodeFlagsOf } from '../../src/config/node-flags';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';

const dist = join(__dirname, '..', '..', 'dist');

/**
 * A built entry point (dist/main.api.js, dist/main.worker.js) in a process of its own, as an
 * operator runs it, with everything it writes to stdout and stderr kept for the test to read.
 */
export class BuiltProcess {
  private output = '';

  private constructor(readonly child: ChildProcess) {
    child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
  }

  static start(script: string, env: Record<string, string>): BuiltProcess {
    const main = join(dist, script);
    if (!existsSync(main))
      throw new Error(
        'clearing-service/dist is missing: run `npm run build` first (npm test does)',
      );
    return new BuiltProcess(
      spawn(process.execPath, [...nodeFlagsOf(script), main], { env: { ...process.env, ...env } }),
    );
  }

  /** Its whole log so far, stdout and stderr interleaved as they came. */
  get log(): string {
    return this.output;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  async waitFor(pattern: RegExp, timeoutMs = 30_000): Promise<RegExpExecArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = pattern.exec(this.output);
      if (match) return match;
      if (!this.running) throw new Error(`exited before ${pattern}:\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`no ${pattern} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** SIGTERM, and SIGKILL if it has not exited after `graceMs` (a store still down, say). */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.running) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
}

/** A loopback port nothing listens on right now, for a process that must be told its port. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

/** Whether nothing listens on this loopback port right now. */
function isFree(port: number): Promise<boolean> {
  const server = net.createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * `count` consecutive free loopback ports, below the kernel's ephemeral range (32768 up): a demo
 * takes PORT and the next two, and a port of that range can be taken meanwhile by any outgoing
 * connection's local end (the api's to MySQL and Redis), as `listen(0)` ports can.
 */
export async function freePortBlock(count: number): Promise<number> {
  for (let tries = 0; tries < 200; tries++) {
    const base = 20_000 + Math.floor(Math.random() * (12_700 - count));
    let free = true;
    for (let i = 0; i < count && free; i++) free = await isFree(base + i);
    if (free) return base;
  }
  throw new Error(`no ${count} consecutive free loopback ports between 20000 and 32700`);
}
