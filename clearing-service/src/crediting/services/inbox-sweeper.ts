import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JOIN_OUTCOME } from '../event-outcomes';
import { PeriodicTask } from '../../schedule/periodic-task';
import { ProgramDrain } from './program-drain';

export const SWEEP_INTERVAL_MS = 2000;

/**
 * MySQL is the source of truth; the queue only carries wake-ups. Every few seconds this finds work
 * whose wake-up was lost (Redis down, wiped, or a job that died) and does it: accepted events are
 * credited, and waiting events whose user has since been bound, or whose binding window has run
 * out, are handed back to the crediting batch. A PeriodicTask in the worker, so that wiping Redis
 * cannot stop it.
 */
@Injectable()
export class InboxSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task = new PeriodicTask('inbox-sweeper');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly drain: ProgramDrain,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start(SWEEP_INTERVAL_MS, () => this.sweep());
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  async sweep(): Promise<void> {
    await this.dataSource.query(
      `UPDATE inbox_events e JOIN resident_bindings b
            ON b.participant_id = e.operator_id AND b.external_user_id = e.external_user
          ${JOIN_OUTCOME}
           SET e.status = 'accepted', o.reason = NULL
         WHERE e.status = 'pending_binding'`,
    );
    // Waiting events whose binding window has run out go back to the crediting batch, the one place
    // that rejects them (binding_window_expired), together with the operator's callback.
    await this.dataSource.query(
      `UPDATE inbox_events e JOIN programs p ON p.id = e.program_id
          ${JOIN_OUTCOME}
            SET e.status = 'accepted', o.reason = NULL
          WHERE e.status = 'pending_binding'
            AND e.received_at < NOW(3) - INTERVAL p.binding_window_hours HOUR`,
    );
    const programs: { program_id: number }[] = await this.dataSource.query(
      "SELECT DISTINCT program_id FROM inbox_events WHERE status = 'accepted'",
    );
    for (const { program_id } of programs) await this.drain.drain(program_id);
  }
}
