import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  programsWithAccepted,
  requeueBoundWaiting,
  requeueWaitingReceivedBefore,
} from '../../ingest/services/inbox-status-store';
import { programsByBindingWindow } from '../../tenancy/services/programs-store';
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
    await requeueBoundWaiting(this.dataSource);
    // Waiting events whose binding window has run out go back to the crediting batch, the one place
    // that rejects them (binding_window_expired), together with the operator's callback.
    for (const [hours, programIds] of await programsByBindingWindow(this.dataSource))
      await requeueWaitingReceivedBefore(this.dataSource, programIds, hours);
    for (const programId of await programsWithAccepted(this.dataSource))
      await this.drain.drain(programId);
  }
}
