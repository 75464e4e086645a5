import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EventStatusView, OperatorEventsPage, OperatorEventsQuery } from '@tanlian/sdk';
import { DataSource } from 'typeorm';
import { eventResult, operatorEventsPage } from '../../read-models/event-result';
import { eventNotFound } from '../ingest-errors';

/** Events' processing status for the operator that sent them: one by id, or a page of them. */
@Injectable()
export class EventStatusReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(programId: number, operatorId: number, eventId: string): Promise<EventStatusView> {
    const result = await eventResult(this.dataSource, programId, operatorId, eventId);
    if (!result) throw eventNotFound(eventId);
    return result;
  }

  list(
    programId: number,
    operatorId: number,
    query: OperatorEventsQuery,
  ): Promise<OperatorEventsPage> {
    return operatorEventsPage(this.dataSource, programId, operatorId, query);
  }
}
