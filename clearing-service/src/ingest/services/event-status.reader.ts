import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EventStatusView } from '@tanlian/sdk';
import { DataSource } from 'typeorm';
import { eventResult } from '../../read-models/event-result';
import { eventNotFound } from '../ingest-errors';

/** An event's processing status for the operator that sent it. */
@Injectable()
export class EventStatusReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(programId: number, operatorId: number, eventId: string): Promise<EventStatusView> {
    const result = await eventResult(this.dataSource, programId, operatorId, eventId);
    if (!result) throw eventNotFound(eventId);
    return result;
  }
}
