import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EventStatusView } from '@tanlian/sdk';
import { DataSource } from 'typeorm';
import { eventNotFound } from '../ingest-errors';
import {
  EVENT_RESULT_COLUMNS,
  EVENT_RESULT_JOINS,
  EventResultRow,
  eventResultView,
} from '../event-result';

/** An event's processing status for the operator that sent it. */
@Injectable()
export class EventStatusReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(programId: number, operatorId: number, eventId: string): Promise<EventStatusView> {
    const [row]: EventResultRow[] = await this.dataSource.query(
      `SELECT ${EVENT_RESULT_COLUMNS}
         FROM inbox_events e ${EVENT_RESULT_JOINS}
        WHERE e.program_id = ? AND e.operator_id = ? AND e.event_id = ?`,
      [programId, operatorId, eventId],
    );
    if (!row) throw eventNotFound(eventId);
    return eventResultView(row);
  }
}
