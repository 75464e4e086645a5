import { Module } from '@nestjs/common';
import { AuditWritingModule } from '../audit/audit-writing.module';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { LedgerModule } from '../ledger/ledger.module';
import { TenancyModule } from '../tenancy/tenancy.module';
import { ClearingSettingsController } from './controllers/clearing-settings.controller';
import { CyclesController } from './controllers/cycles.controller';
import { ParticipantCyclesController } from './controllers/participant-cycles.controller';
import { ClearingCycles } from './services/clearing-cycles.service';
import { ClearingRunner } from './services/clearing-runner';
import { CycleCheck } from './services/cycle-check';
import { CycleSteps } from './services/cycle-steps';
import { OverdueCycleMetrics } from './services/overdue-cycle-metrics';

/** Clearing on the api: settings, cycles, positions, files, closing now and confirmations. */
@Module({
  imports: [TenancyModule, LedgerModule, AuditWritingModule, IdempotencyModule],
  controllers: [ClearingSettingsController, CyclesController, ParticipantCyclesController],
  providers: [ClearingCycles, CycleSteps, OverdueCycleMetrics],
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
  imports: [TenancyModule, LedgerModule, AuditWritingModule],
  providers: [CycleSteps, ClearingRunner, CycleCheck],
  exports: [CycleSteps, ClearingRunner],
})
export class ClearingWorkerModule {}
