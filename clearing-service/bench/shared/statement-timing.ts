import { MysqlQueryRunner } from 'typeorm/driver/mysql/MysqlQueryRunner';

export interface StatementTiming {
  shape: string;
  ms: number;
  n: number;
  /** What `counter` moved across the statements of this shape (when one was given). */
  counted: number;
}

/**
 * Times every statement TypeORM's MySQL driver sends (BEGIN and COMMIT included), summed by
 * `shape(sql)`, until stop(). `timings` is live: clear it to skip a warm-up. With a `counter` (a
 * server counter read on a connection of its own, e.g. the redo log's LSN), each statement also
 * adds what the counter moved while it ran; reading it costs two round trips per statement, so
 * the times are then longer than without, and the counter must not move for other reasons.
 */
export function timeStatements(
  shape: (sql: string) => string,
  counter?: () => Promise<number>,
): {
  timings: Map<string, { ms: number; n: number; counted: number }>;
  stop(): StatementTiming[];
} {
  const timings = new Map<string, { ms: number; n: number; counted: number }>();
  const original = MysqlQueryRunner.prototype.query;
  MysqlQueryRunner.prototype.query = async function (
    this: MysqlQueryRunner,
    ...args: Parameters<typeof original>
  ) {
    const before = counter ? await counter() : 0;
    const t = performance.now();
    try {
      return await original.apply(this, args);
    } finally {
      const ms = performance.now() - t;
      const moved = counter ? (await counter()) - before : 0;
      const key = shape(String(args[0]));
      const x = timings.get(key) ?? { ms: 0, n: 0, counted: 0 };
      x.ms += ms;
      x.n += 1;
      x.counted += moved;
      timings.set(key, x);
    }
  } as typeof original;
  return {
    timings,
    stop() {
      MysqlQueryRunner.prototype.query = original;
      return [...timings].map(([s, t]) => ({ shape: s, ...t }));
    },
  };
}
