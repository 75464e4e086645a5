import { MysqlQueryRunner } from 'typeorm/driver/mysql/MysqlQueryRunner';

export interface StatementTiming {
  shape: string;
  ms: number;
  n: number;
}

/**
 * Times every statement TypeORM's MySQL driver sends (BEGIN and COMMIT included), summed by
 * `shape(sql)`, until stop(). `timings` is live: clear it to skip a warm-up.
 */
export function timeStatements(shape: (sql: string) => string): {
  timings: Map<string, { ms: number; n: number }>;
  stop(): StatementTiming[];
} {
  const timings = new Map<string, { ms: number; n: number }>();
  const original = MysqlQueryRunner.prototype.query;
  MysqlQueryRunner.prototype.query = async function (
    this: MysqlQueryRunner,
    ...args: Parameters<typeof original>
  ) {
    const t = performance.now();
    try {
      return await original.apply(this, args);
    } finally {
      const key = shape(String(args[0]));
      const x = timings.get(key) ?? { ms: 0, n: 0 };
      x.ms += performance.now() - t;
      x.n += 1;
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
