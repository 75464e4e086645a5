import { Module } from '@nestjs/common';
import { AuditWritingModule } from '../audit/audit-writing.module';
import { LedgerModule } from '../ledger/ledger.module';
import { FundingController } from './controllers/funding.controller';
import { CallbacksOutboxModule } from '../callbacks/callbacks.module';
import { CreditLimitWatch } from './services/credit-limit-watch';
import { FundingMetrics } from './services/funding-metrics';
import { FundingService } from './services/funding.service';

/**
 * Operators' funding, on the api: a prepaid operator's block, its top-ups (ledger transactions),
 * and the reductions whose points waited for one (crediting's), issued oldest first.
 */
@Module({
  imports: [LedgerModule, AuditWritingModule],
  controllers: [FundingController],
  providers: [FundingService, FundingMetrics],
})
export class FundingApiModule {}

/** The worker's side: the watch on postpaid credit limits and its alerts (CreditLimitWatch). */
@Module({
  imports: [CallbacksOutboxModule],
  providers: [CreditLimitWatch],
})
export class FundingWorkerModule {}
