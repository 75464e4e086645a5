import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PeriodicTask } from '../../schedule/periodic-task';
import { RollupFolder } from './rollup-folder';

/** Dashboards lag the ledger by about this much at most, while the worker keeps up. */
const EVERY_MS = 1_000;

/** Folds the reporting outbox in the worker (a PeriodicTask: never two runs at once per process). */
@Injectable()
export class RollupSchedule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task = new PeriodicTask('reporting-rollups');

  constructor(private readonly folder: RollupFolder) {}

  onApplicationBootstrap(): void {
    this.task.start(EVERY_MS, async (stopping) => {
      await this.folder.foldAll(stopping);
    });
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }
}
