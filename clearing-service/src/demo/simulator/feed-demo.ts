import { randomInt } from 'node:crypto';
import { DriverStats, EventDriver } from './driver';
import { EventStream } from './event-stream';
import { type OperatorCodes, type OperatorRole, Population } from './population';

export interface DemoFeedOptions {
  /** Where the api listens, e.g. http://127.0.0.1:3000. */
  baseUrl: string;
  program: string;
  /** Each operator of the program the simulation uses, its role and its whsec_ signing secret. */
  operators: { code: string; secret: string; role: OperatorRole }[];
  /** The simulated residents (the same population the program's bindings were seeded from). */
  population: Population;
  /** Events per second (0 sends nothing). */
  ratePerSecond: number;
  /** 1: operators push single events (default); more: batches of up to this many, at most 1 s old. */
  batchSize?: number;
  /** The event stream's seed; a fresh one by default, so restarts never reuse event ids. */
  seed?: number;
}

export interface DemoFeed {
  /** What has been sent and answered so far (live). */
  readonly stats: DriverStats;
  /** Stops sending; resolves once the requests in flight have answered or been abandoned. */
  stop(): Promise<DriverStats>;
  /** Resolves when the feed has stopped. */
  readonly done: Promise<DriverStats>;
}

/** A gentle, endless stream of a city's operator pushes into a running api, until stopped. */
export function feedDemo(options: DemoFeedOptions): DemoFeed {
  const codes = Object.fromEntries(options.operators.map((o) => [o.role, o.code]));
  const missing = (['metro', 'bus', 'bike', 'mapApp', 'power'] as const).filter((r) => !codes[r]);
  if (missing.length) throw new Error(`feedDemo: no operator for ${missing.join(', ')}`);
  const want = options.population.options.operators as OperatorCodes;
  for (const o of options.operators) {
    if (want[o.role] !== o.code)
      throw new Error(
        `feedDemo: the population's ${o.role} operator is ${want[o.role]}, not ${o.code}`,
      );
  }
  const stream = new EventStream(options.population, { seed: options.seed ?? randomInt(2 ** 31) });
  const abort = new AbortController();
  const driver = new EventDriver({
    baseUrl: options.baseUrl,
    program: options.program,
    secrets: Object.fromEntries(options.operators.map((o) => [o.code, o.secret])),
    next: () => stream.next(),
    batchSize: options.batchSize ?? 1,
    maxBatchDelayMs: 1000,
    ratePerSecond: options.ratePerSecond,
    maxInFlight: 16,
    signal: abort.signal,
  });
  const done = options.ratePerSecond > 0 ? driver.run() : Promise.resolve(driver.stats);
  return {
    stats: driver.stats,
    done,
    async stop() {
      driver.stop();
      // Give answers in flight a moment, then abandon them (the api may be going away too).
      const timer = setTimeout(() => abort.abort(), 2000);
      try {
        return await done;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
