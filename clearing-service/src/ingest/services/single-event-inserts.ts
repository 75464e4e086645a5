import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { storageOutageOf } from '../../database/storage-unavailable';
import { InboxInsert, inboxKey, StoredEvent, storeInboxRows } from './inbox-store';

// Up to four upserts on their way at once; posts arriving while all four are out wait, and go
// together in the next. Several, not one: an upsert of a redelivered event waits for the worker's
// lock on its row (a crediting batch, ~0.1 s), and must not hold up everybody else meanwhile.
const MAX_IN_FLIGHT = 4;
const MAX_GROUP = 500;

interface Waiting {
  event: InboxInsert;
  resolve: (row: StoredEvent | undefined) => void;
  reject: (err: unknown) => void;
}

/**
 * Stores single-event posts (the common webhook: one event per request) several per statement when
 * they arrive together, like a group commit: at low load each post is stored at once, on its own;
 * when they pile up (a busy second, a slow disk flush), the posts that arrived while earlier upserts
 * were on their way share one multi-row upsert, one commit and one read-back, instead of one each.
 * Each post is still answered only once its own row is durable, with its own outcome.
 */
@Injectable()
export class SingleEventInserts {
  private waiting: Waiting[] = [];
  private inFlight = 0;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The stored row of this event (this delivery's or an earlier one's); undefined if not found. */
  store(event: InboxInsert): Promise<StoredEvent | undefined> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ event, resolve, reject });
      this.flush();
    });
  }

  private flush(): void {
    while (this.inFlight < MAX_IN_FLIGHT && this.waiting.length > 0) {
      const group = this.waiting.splice(0, MAX_GROUP);
      this.inFlight += 1;
      void this.storeGroup(group).finally(() => {
        this.inFlight -= 1;
        this.flush();
      });
    }
  }

  private async storeGroup(group: Waiting[]): Promise<void> {
    try {
      const stored = await storeInboxRows(
        this.dataSource.manager,
        group.map((w) => w.event),
      );
      for (const { event: e, resolve } of group)
        resolve(stored.get(inboxKey(e.programId, e.operatorId, e.eventId)));
    } catch (err) {
      // MySQL is out: the posts still waiting would each wait out STORAGE_TIMEOUT_MS again, after
      // this group's, and answer late. They get this group's 503 now.
      const failed = storageOutageOf(err) ? [...group, ...this.waiting.splice(0)] : group;
      for (const w of failed) w.reject(err);
    }
  }
}
