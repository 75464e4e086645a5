import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EventStatus, EventStatusView } from '@tanlian/sdk';
import { DataSource } from 'typeorm';
import { NotFoundError } from '../../http/domain-error';
import { eventReference } from '../entities/inbox-event.entity';

interface StatusRow {
  id: string;
  event_id: string;
  status: EventStatus;
  reason: string | null;
  received_at: Date;
  processed_at: Date | null;
  overlaps_event_id: string | null;
  reduction_mg: string | null;
  points: string | null;
}

/** An event's processing status for the operator that sent it. */
@Injectable()
export class EventStatusReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(programId: number, operatorId: number, eventId: string): Promise<EventStatusView> {
    const [row]: StatusRow[] = await this.dataSource.query(
      `SELECT e.id, e.event_id, e.status, o.reason, e.received_at, o.processed_at, o.overlaps_event_id,
              r.reduction_mg, r.points
         FROM inbox_events e
         LEFT JOIN event_outcomes o ON o.inbox_event_id = e.id
         LEFT JOIN reductions r ON r.inbox_event_id = e.id
        WHERE e.program_id = ? AND e.operator_id = ? AND e.event_id = ?`,
      [programId, operatorId, eventId],
    );
    if (!row) throw new NotFoundError('event_not_found', `Event ${eventId} not found`);
    return {
      id: row.event_id,
      reference: eventReference(row.id),
      status: row.status,
      reason: row.reason,
      receivedAt: row.received_at.toISOString(),
      processedAt: row.processed_at?.toISOString() ?? null,
      reductionMg: row.reduction_mg,
      points: row.points,
      overlapsWith: row.overlaps_event_id ? eventReference(row.overlaps_event_id) : null,
    };
  }
}
