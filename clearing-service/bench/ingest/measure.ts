import type { Connection, RowDataPacket } from 'mysql2/promise';
import { percentile } from '../../src/demo/simulator';

/** What the bench reads back from MySQL, the source of truth, about one program's inbox. */
export class InboxProbe {
  constructor(
    readonly db: Connection,
    readonly programId: number,
  ) {}

  async one<T = number>(sql: string, params: unknown[] = []): Promise<T> {
    const [rows] = await this.db.query<RowDataPacket[]>(sql, params);
    return Object.values(rows[0])[0] as T;
  }

  /** Events accepted and not yet decided by the worker. */
  backlog(): Promise<number> {
    return this.one(
      "SELECT COUNT(*) FROM inbox_events WHERE status = 'accepted' AND program_id = ?",
      [this.programId],
    ).then(Number);
  }

  maxId(): Promise<number> {
    return this.one('SELECT COALESCE(MAX(id), 0) FROM inbox_events').then(Number);
  }

  /** Waits until the worker has decided every accepted event (bounded); true if it has. */
  async drained(timeoutMs: number, onWait?: (backlog: number) => void): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    let lastReport = Date.now();
    for (;;) {
      const left = await this.backlog();
      if (left === 0) return true;
      if (Date.now() >= deadline) return false;
      if (onWait && Date.now() - lastReport >= 5000) {
        onWait(left);
        lastReport = Date.now();
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** Statuses of the events stored in (fromId, toId]. */
  async statuses(fromId: number, toId: number): Promise<Record<string, number>> {
    const [rows] = await this.db.query<RowDataPacket[]>(
      `SELECT status, COUNT(*) AS n FROM inbox_events
        WHERE program_id = ? AND id > ? AND id <= ? GROUP BY status`,
      [this.programId, fromId, toId],
    );
    return Object.fromEntries(rows.map((r) => [String(r.status), Number(r.n)]));
  }

  /** Events of (fromId, toId] the worker stamped processed within [from, to). */
  processedBetween(fromId: number, toId: number, from: Date, to: Date): Promise<number> {
    return this.one(
      `SELECT COUNT(*) FROM inbox_events e JOIN event_outcomes o ON o.inbox_event_id = e.id
        WHERE e.program_id = ? AND e.id > ? AND e.id <= ? AND o.processed_at >= ? AND o.processed_at < ?`,
      [this.programId, fromId, toId, from, to],
    ).then(Number);
  }

  /** processed_at − received_at (ms) of each decided event in (fromId, toId]; and the undecided. */
  async lags(fromId: number, toId: number, now: Date): Promise<number[]> {
    const [rows] = await this.db.query<RowDataPacket[]>(
      `SELECT TIMESTAMPDIFF(MICROSECOND, e.received_at, COALESCE(o.processed_at, ?)) / 1000 AS lag
         FROM inbox_events e LEFT JOIN event_outcomes o ON o.inbox_event_id = e.id
        WHERE e.program_id = ? AND e.id > ? AND e.id <= ? AND e.status <> 'pending_binding'`,
      [now, this.programId, fromId, toId],
    );
    return rows.map((r) => Number(r.lag));
  }

  /** received_at (epoch ms) by id, for the visible-lag estimate. */
  async receivedAt(fromId: number, toId: number): Promise<Map<number, number>> {
    const [rows] = await this.db.query<RowDataPacket[]>(
      `SELECT id, received_at FROM inbox_events
        WHERE program_id = ? AND id > ? AND id <= ? AND status <> 'pending_binding'`,
      [this.programId, fromId, toId],
    );
    return new Map(rows.map((r) => [Number(r.id), (r.received_at as Date).getTime()]));
  }
}

/**
 * Polls the lowest still-accepted id every `everyMs`: an event is visibly decided (its batch has
 * committed) at the first poll that finds no accepted event at or below its id. processed_at is
 * stamped when the worker starts a batch, before its writes commit; this is the other side.
 */
export class CommitPoller {
  private readonly samples: { t: number; minAccepted: number; maxId: number }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private busy = false;

  constructor(
    private readonly probe: InboxProbe,
    private readonly everyMs = 100,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      if (this.busy) return;
      this.busy = true;
      this.probe.db
        .query<RowDataPacket[]>(
          `SELECT (SELECT MIN(id) FROM inbox_events WHERE status = 'accepted' AND program_id = ?) AS lo,
                  (SELECT MAX(id) FROM inbox_events) AS hi`,
          [this.probe.programId],
        )
        .then(([rows]) => {
          const t = Date.now();
          const hi = Number(rows[0].hi ?? 0);
          this.samples.push({
            t,
            minAccepted: rows[0].lo === null ? hi + 1 : Number(rows[0].lo),
            maxId: hi,
          });
        })
        .catch(() => undefined)
        .finally(() => (this.busy = false));
    }, this.everyMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Visible lag (ms) of each event: first poll that saw it decided, minus its received_at. */
  lags(received: Map<number, number>): number[] {
    const ids = [...received.keys()].sort((a, b) => a - b);
    const out: number[] = [];
    let s = 0;
    for (const id of ids) {
      while (
        s < this.samples.length &&
        !(this.samples[s].minAccepted > id && this.samples[s].maxId >= id)
      )
        s++;
      if (s === this.samples.length) break;
      out.push(Math.max(0, this.samples[s].t - received.get(id)!));
    }
    return out;
  }
}

const STATUS_VARIABLES = [
  'Com_commit',
  'Com_insert',
  'Com_select',
  'Com_update',
  'Innodb_data_fsyncs',
  'Innodb_os_log_written',
  // Pages read from disk (the buffer pool did not hold them) and written back to it.
  'Innodb_buffer_pool_reads',
  'Innodb_buffer_pool_pages_flushed',
  'Questions',
];

/** MariaDB's global counters (server-wide: other databases' traffic counts too). */
export async function serverCounters(db: Connection): Promise<Record<string, number>> {
  const [rows] = await db.query<RowDataPacket[]>(
    `SHOW GLOBAL STATUS WHERE Variable_name IN (${STATUS_VARIABLES.map(() => '?').join(', ')})`,
    STATUS_VARIABLES,
  );
  return Object.fromEntries(rows.map((r) => [String(r.Variable_name), Number(r.Value)]));
}

export function delta(a: Record<string, number>, b: Record<string, number>) {
  return Object.fromEntries(Object.keys(b).map((k) => [k, b[k] - (a[k] ?? 0)]));
}

/** Latencies grouped by the second (since the first) in which they ended. */
export class SecondBuckets {
  private readonly started = performance.now();
  private readonly seconds: number[][] = [];

  add(latencyMs: number): void {
    const s = Math.floor((performance.now() - this.started) / 1000);
    (this.seconds[s] ??= []).push(latencyMs);
  }

  p99s(): number[] {
    return Array.from(this.seconds, (values) => (values ? percentile(values, 99) : 0));
  }
}
