import { type Connection, createConnection } from 'mysql2/promise';
import type { SqlRunner } from '../database/sql';
import { demoCounts, demoStart } from '../read-models/demo-progress';
import type { DriverStats } from './simulator';

/**
 * The line the demo prints every few seconds: what the simulated operators sent and the api
 * accepted, and what the worker has made of this session's events (read from MySQL, the truth).
 */
export class DemoProgress {
  private constructor(
    private readonly db: Connection,
    private readonly programId: number,
    private readonly firstInboxId: number,
    private readonly startedAt: number,
  ) {}

  static async open(databaseUrl: string, programCode: string): Promise<DemoProgress> {
    const db = await createConnection({ uri: databaseUrl, supportBigNumbers: true });
    const start = await demoStart(runner(db), programCode);
    if (!start) throw new Error(`program ${programCode} not found`);
    return new DemoProgress(db, start.programId, start.lastInboxId, Date.now());
  }

  async line(sent: DriverStats): Promise<string> {
    const counts = await demoCounts(runner(this.db), this.programId, this.firstInboxId);
    const n = counts.byStatus;
    const count = (s: string) => (n[s] ?? 0).toLocaleString('en');
    const seconds = Math.round((Date.now() - this.startedAt) / 1000);
    const refused = sent.conflict + sent.invalid + sent.httpErrors + sent.networkErrors;
    return [
      `feed ${seconds}s: ${sent.events.toLocaleString('en')} sent, ${sent.accepted.toLocaleString('en')} accepted`,
      `(${sent.redeliveries} redeliveries${refused ? `, ${refused} refused` : ''});`,
      `worker: ${count('credited')} credited, ${count('capped')} capped, ${count('overlapping')} overlapping,`,
      `${count('pending_binding')} pending binding, ${count('rejected')} rejected, ${count('accepted')} waiting;`,
      `${(counts.reductionMg / 1e6).toFixed(1)} kg CO2e, ${counts.points.toLocaleString('en')} points issued`,
      counts.unfundedPoints > 0
        ? `(+ ${counts.unfundedPoints.toLocaleString('en')} waiting for their prepaid issuer's top-up)`
        : '',
    ]
      .filter(Boolean)
      .join(' ');
  }

  async close(): Promise<void> {
    await this.db.end().catch(() => undefined);
  }
}

/** The connection as the read model's runner: rows only. */
function runner(db: Connection): SqlRunner {
  const query = async <T>(sql: string, params?: unknown[]): Promise<T> =>
    (await db.query(sql, params))[0] as T;
  return { query };
}
