import { Module } from '@nestjs/common';
import { AuditWritingModule } from '../audit/audit-writing.module';
import { FundingController } from './controllers/funding.controller';
import { FundingService } from './services/funding.service';
import { LedgerCheck } from './services/ledger-check';
import { LedgerWriter } from './services/ledger-writer';

/** The points ledger: double-entry accounts per issuer asset, append-only postings, cached balances. */
@Module({ providers: [LedgerWriter, LedgerCheck], exports: [LedgerWriter, LedgerCheck] })
export class LedgerModule {}

/** The api side: operators' funding (prepaid blocks and top-ups). */
@Module({
  imports: [LedgerModule, AuditWritingModule],
  controllers: [FundingController],
  providers: [FundingService],
})
export class LedgerApiModule {}
