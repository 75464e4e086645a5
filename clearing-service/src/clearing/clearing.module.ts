import { Module } from '@nestjs/common';
import { AuditWritingModule } from '../audit/audit-writing.module';
import { CallbacksOutboxModule } from '../callbacks/callbacks.module';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { LedgerModule } from '../ledger/ledger.module';
import { TenancyModule } from '../tenancy/tenancy.module';
import { ClearingSettingsController } from './controllers/clearing-settings.controller';
import { CyclesController } from './controllers/cycles.controller';
import { ParticipantCycleListController } from './controllers/participant-cycle-list.controller';
import { ParticipantCyclesController } from './controllers/participant-cycles.controller';
import { ClearingCycles } from './services/clearing-cycles.service';
import { ClearingRunner } from './services/clearing-runner';
import { CycleCheck } from './services/cycle-check';
import { CycleEvents } from './services/cycle-events';
import { CycleSteps } from './services/cycle-steps';
import { OverdueCycleMetrics } from './services/overdue-cycle-metrics';

/** Clearing on the api: settings, cycles, positions, files, closing now and confirmations. */
@Module({
  imports: [
    TenancyModule,
    LedgerModule,
    AuditWritingModule,
    IdempotencyModule,
    CallbacksOutboxModule,
  ],
  controllers: [
    ClearingSettingsController,
    CyclesController,
    ParticipantCycleListController,
    ParticipantCyclesController,
  ],
  providers: [ClearingCycles, CycleSteps, CycleEvents, OverdueCycleMetrics],
})
export class ClearingApiModule {}

/** The cycle check, for the CLI's `ledger:check --cycle`. */
@Module({
  imports: [TenancyModule, LedgerModule, AuditWritingModule],
  providers: [CycleSteps, CycleCheck],
  exports: [CycleCheck],
})
export class ClearingCheckModule {}

/** The worker's side: cycles closed at their cut-off and cleared (ClearingRunner). */
@Module({
  imports: [TenancyModule, LedgerModule, AuditWritingModule, CallbacksOutboxModule],
  providers: [CycleSteps, CycleEvents, ClearingRunner, CycleCheck],
  exports: [CycleSteps, ClearingRunner],
})
export class ClearingWorkerModule {}
