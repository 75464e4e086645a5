import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { FundingController } from './controllers/funding.controller';
import { FundingService } from './services/funding.service';
import { LedgerCheck } from './services/ledger-check';
import { LedgerWriter } from './services/ledger-writer';

/** The points ledger: double-entry accounts per issuer asset, append-only postings, cached balances. */
@Module({ providers: [LedgerWriter, LedgerCheck], exports: [LedgerWriter, LedgerCheck] })
export class LedgerModule {}

/** The api side: operators' funding (prepaid blocks and top-ups). */
@Module({
  imports: [LedgerModule, AuditModule],
  controllers: [FundingController],
  providers: [FundingService],
})
export class LedgerApiModule {}
