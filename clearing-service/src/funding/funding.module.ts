import { Module } from '@nestjs/common';
import { AuditWritingModule } from '../audit/audit-writing.module';
import { LedgerModule } from '../ledger/ledger.module';
import { FundingController } from './controllers/funding.controller';
import { FundingService } from './services/funding.service';

/**
 * Operators' funding, on the api: a prepaid operator's block, its top-ups (ledger transactions),
 * and the reductions whose points waited for one (crediting's), issued oldest first.
 */
@Module({
  imports: [LedgerModule, AuditWritingModule],
  controllers: [FundingController],
  providers: [FundingService],
})
export class FundingApiModule {}
