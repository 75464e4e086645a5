import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CallbackDeliveriesQuery, CallbackDeliveryList } from '@tanlian/sdk';
import { DataSource } from 'typeorm';
import { placeholders } from '../../database/sql';
import { eventIdsOf } from '../../ingest/services/inbox-status-store';
import { DeliveryRow, deliveryView } from '../views';

/** A participant's recent callback deliveries, newest first, with the events each carries. */
@Injectable()
export class CallbackDeliveriesReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(participantId: number, query: CallbackDeliveriesQuery): Promise<CallbackDeliveryList> {
    const rows: DeliveryRow[] = await this.dataSource.query(
      `SELECT id, type, status, attempts, last_attempt_at, last_status_code, last_error, next_attempt_at,
              created_at, finished_at
         FROM callback_deliveries
        WHERE participant_id = ? ${query.status ? 'AND status = ?' : ''}
        ORDER BY created_at DESC, id DESC LIMIT ?`,
      [participantId, ...(query.status ? [query.status] : []), query.limit],
    );
    if (rows.length === 0) return { deliveries: [] };
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
    return { deliveries: rows.map((r) => deliveryView(r, eventIds.get(r.id) ?? [])) };
  }
}
