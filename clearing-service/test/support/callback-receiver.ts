/**
 * A participant's callback endpoint on 127.0.0.1 for the e2e tests: records every request and
 * answers as scripted (else 200); and a fast callback policy, so retries and giving up happen within
 * a test (production uses the defaults).
 */
import { createServer, IncomingHttpHeaders, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Test } from '@nestjs/testing';
import { verifyWebhook } from '@tanlian/sdk';
import { Logger } from 'nestjs-pino';
import { CALLBACK_POLICY, type CallbackPolicy } from '../../src/callbacks/callback-policy';
import { WorkerModule } from '../../src/worker.module';
import type { EarnEnv } from './earn-env';

// Small numbers so retries and giving up happen within a test; production uses the defaults.
export const FAST: CallbackPolicy = {
  retryDelaysMs: [300, 600, 1200],
  jitter: 0,
  giveUpAfterMs: 5000,
  timeoutMs: 1000,
  sweepIntervalMs: 200,
  claimLimit: 20,
  previousSecretGraceMs: 60_000,
};

export type Answer = number | 'hang';
export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** An operator's endpoint on 127.0.0.1: records every request and answers as scripted (else 200). */
export class Receiver {
  readonly requests: Received[] = [];
  private readonly scripts = new Map<string, Answer[]>();
  private readonly hanging: ServerResponse[] = [];

  private constructor(private readonly server: Server) {}

  static async start(): Promise<Receiver> {
    const receiver: Receiver = new Receiver(
      createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const path = req.url ?? '/';
          receiver.requests.push({
            path,
            headers: req.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            at: Date.now(),
          });
          const answer = receiver.scripts.get(path)?.shift() ?? 200;
          if (answer === 'hang') receiver.hanging.push(res);
          else res.writeHead(answer).end();
        });
      }),
    );
    await new Promise<void>((r) => receiver.server.listen(0, '127.0.0.1', r));
    return receiver;
  }

  url(path: string): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }

  script(path: string, answers: Answer[]): void {
    this.scripts.set(path, [...answers]);
  }

  on(path: string): Received[] {
    return this.requests.filter((r) => r.path === path);
  }

  async waitFor(path: string, count: number, timeoutMs = 20_000): Promise<Received[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.on(path).length < count) {
      if (Date.now() > deadline)
        throw new Error(`${path}: ${this.on(path).length} of ${count} requests`);
      await sleep(50);
    }
    return this.on(path);
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise((r) => this.server.close(r));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts the env's worker exactly as production composes it, with the callback policy given. */
export async function startWorkerWithPolicy(env: EarnEnv, policy: CallbackPolicy): Promise<void> {
  const worker = await Test.createTestingModule({
    imports: [WorkerModule.forRoot(env.api.db.config)],
  })
    .overrideProvider(CALLBACK_POLICY)
    .useValue(policy)
    .compile();
  worker.useLogger(worker.get(Logger));
  await worker.init();
  env.worker = worker;
}

/** A received callback checked against a whsec_ secret, as a receiver would. */
export function verified(r: Received, secret: string) {
  return verifyWebhook({
    headers: r.headers as Record<string, string>,
    body: r.body,
    keys: [{ keyId: 'callback', key: secret }],
    nowSeconds: Math.floor(Date.now() / 1000),
  });
}
