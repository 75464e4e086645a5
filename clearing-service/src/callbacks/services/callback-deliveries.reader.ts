import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  CallbackDeliveriesQuery,
  CallbackDeliveryList,
  CallbackDeliveryView,
} from '@tanlian/sdk';
import { DataSource } from 'typeorm';
import { placeholders } from '../../database/sql';
import { eventIdsOf } from '../../ingest/services/inbox-status-store';
import { deliveryNotFound } from '../callbacks-errors';
import { DeliveryRow, deliveryView } from '../views';

const DELIVERY_COLUMNS = `id, type, status, attempts, last_attempt_at, last_status_code, last_error,
       next_attempt_at, created_at, finished_at`;

/** A participant's callback deliveries, newest first a page at a time, with the events each carries. */
@Injectable()
export class CallbackDeliveriesReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(participantId: number, query: CallbackDeliveriesQuery): Promise<CallbackDeliveryList> {
    const where = ['participant_id = ?'];
    const params: unknown[] = [participantId];
    if (query.status) {
      where.push('status = ?');
      params.push(query.status);
    }
    if (query.after) {
      // Older than the cursor's delivery, in the list's own order (a cursor of someone else's reads none).
      where.push(`(created_at, id) < (SELECT created_at, id FROM callback_deliveries
                                        WHERE id = ? AND participant_id = ?)`);
      params.push(query.after, participantId);
    }
    const rows: DeliveryRow[] = await this.dataSource.query(
      `SELECT ${DELIVERY_COLUMNS} FROM callback_deliveries
        WHERE ${where.join(' AND ')}
        ORDER BY created_at DESC, id DESC LIMIT ?`,
      [...params, query.limit + 1],
    );
    const page = rows.slice(0, query.limit);
    const next = rows.length > query.limit ? page[page.length - 1].id : null;
    return { deliveries: await this.withEvents(page), next };
  }

  /** One of the participant's deliveries. */
  async one(participantId: number, deliveryId: string): Promise<CallbackDeliveryView> {
    const rows: DeliveryRow[] = await this.dataSource.query(
      `SELECT ${DELIVERY_COLUMNS} FROM callback_deliveries WHERE id = ? AND participant_id = ?`,
      [deliveryId, participantId],
    );
    if (rows.length === 0) throw deliveryNotFound(deliveryId);
    const [view] = await this.withEvents(rows);
    return view;
  }

  private async withEvents(rows: DeliveryRow[]): Promise<CallbackDeliveryView[]> {
    if (rows.length === 0) return [];
    const items: { delivery_id: string; inbox_event_id: string }[] = await this.dataSource.query(
      `SELECT delivery_id, inbox_event_id FROM callback_delivery_events
        WHERE delivery_id IN (${placeholders(rows)})
        ORDER BY inbox_event_id`,
      rows.map((r) => r.id),
    );
    const operatorIds = await eventIdsOf(
      this.dataSource,
      items.map((i) => String(i.inbox_event_id)),
    );
    const eventIds = new Map<string, string[]>();
    for (const item of items) {
      const ids = eventIds.get(item.delivery_id) ?? [];
      ids.push(operatorIds.get(String(item.inbox_event_id))!);
      eventIds.set(item.delivery_id, ids);
    }
    return rows.map((r) => deliveryView(r, eventIds.get(r.id) ?? []));
  }
}
