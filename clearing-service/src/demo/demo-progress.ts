import { type Connection, createConnection, type RowDataPacket } from 'mysql2/promise';
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
    const [[program]] = await db.query<RowDataPacket[]>('SELECT id FROM programs WHERE code = ?', [
      programCode,
    ]);
    const [[last]] = await db.query<RowDataPacket[]>(
      'SELECT COALESCE(MAX(id), 0) AS id FROM inbox_events',
    );
    return new DemoProgress(db, Number(program.id), Number(last.id), Date.now());
  }

  async line(sent: DriverStats): Promise<string> {
    const [rows] = await this.db.query<RowDataPacket[]>(
      `SELECT status, COUNT(*) AS n FROM inbox_events WHERE program_id = ? AND id > ? GROUP BY status`,
      [this.programId, this.firstInboxId],
    );
    const [[earned]] = await this.db.query<RowDataPacket[]>(
      `SELECT COALESCE(SUM(reduction_mg), 0) AS mg,
              COALESCE(SUM(CASE points_status WHEN 'credited' THEN points END), 0) AS points,
              COALESCE(SUM(CASE points_status WHEN 'unfunded' THEN points END), 0) AS unfunded
         FROM reductions WHERE program_id = ? AND inbox_event_id > ?`,
      [this.programId, this.firstInboxId],
    );
    const n = Object.fromEntries(rows.map((r) => [String(r.status), Number(r.n)]));
    const count = (s: string) => (n[s] ?? 0).toLocaleString('en');
    const seconds = Math.round((Date.now() - this.startedAt) / 1000);
    const refused = sent.conflict + sent.invalid + sent.httpErrors + sent.networkErrors;
    return [
      `feed ${seconds}s: ${sent.events.toLocaleString('en')} sent, ${sent.accepted.toLocaleString('en')} accepted`,
      `(${sent.redeliveries} redeliveries${refused ? `, ${refused} refused` : ''});`,
      `worker: ${count('credited')} credited, ${count('capped')} capped, ${count('overlapping')} overlapping,`,
      `${count('pending_binding')} pending binding, ${count('rejected')} rejected, ${count('accepted')} waiting;`,
      `${(Number(earned.mg) / 1e6).toFixed(1)} kg CO2e, ${Number(earned.points).toLocaleString('en')} points issued`,
      Number(earned.unfunded) > 0
        ? `(+ ${Number(earned.unfunded).toLocaleString('en')} waiting for their prepaid issuer's top-up)`
        : '',
    ]
      .filter(Boolean)
      .join(' ');
  }

  async close(): Promise<void> {
    await this.db.end().catch(() => undefined);
  }
}
