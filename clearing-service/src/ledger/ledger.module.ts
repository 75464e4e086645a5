import { Module } from '@nestjs/common';
import { AuditWritingModule } from '../audit/audit-writing.module';
import { TenancyModule } from '../tenancy/tenancy.module';
import { LedgerWriter } from './services/ledger-writer';
import { PointsExpiry } from './services/points-expiry';
import { PointsExpirySchedule } from './services/points-expiry-schedule';

/** The points ledger: double-entry accounts per issuer asset, append-only postings, cached balances. */
@Module({ providers: [LedgerWriter], exports: [LedgerWriter] })
export class LedgerModule {}

/** Lots expiring on their date: the job (also the CLI's) and, in the worker, its schedule. */
@Module({
  imports: [LedgerModule, AuditWritingModule, TenancyModule],
  providers: [PointsExpiry],
  exports: [PointsExpiry],
})
export class PointsExpiryModule {}

@Module({ imports: [PointsExpiryModule, TenancyModule], providers: [PointsExpirySchedule] })
export class LedgerWorkerModule {}
