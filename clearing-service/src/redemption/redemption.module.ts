import { Module } from '@nestjs/common';
import { AuditWritingModule } from '../audit/audit-writing.module';
import { CallbacksOutboxModule } from '../callbacks/callbacks.module';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { LedgerModule } from '../ledger/ledger.module';
import { TenancyModule } from '../tenancy/tenancy.module';
import { MerchantRedemptionsController } from './controllers/merchant-redemptions.controller';
import { ResidentRedemptionCodesController } from './controllers/resident-redemption-codes.controller';
import { ResidentRedemptionsController } from './controllers/resident-redemptions.controller';
import { HoldExpiry } from './services/hold-expiry';
import { HoldsService } from './services/holds.service';
import { PurchasesService } from './services/purchases.service';
import { RedemptionReads } from './services/redemption-reads';
import { RedemptionCodesService } from './services/redemption-codes.service';

/**
 * Redemption on the api: residents' redemption codes, and merchants' holds made with them,
 * captured, voided or refunded; residents' shop purchases and their redemptions.
 */
@Module({
  imports: [
    TenancyModule,
    LedgerModule,
    AuditWritingModule,
    IdempotencyModule,
    CallbacksOutboxModule,
  ],
  controllers: [
    ResidentRedemptionCodesController,
    ResidentRedemptionsController,
    MerchantRedemptionsController,
  ],
  providers: [RedemptionCodesService, HoldsService, PurchasesService, RedemptionReads],
})
export class RedemptionApiModule {}

/** The worker's side: holds nobody captured in time are released (HoldExpiry). */
@Module({
  imports: [TenancyModule, LedgerModule, AuditWritingModule, CallbacksOutboxModule],
  providers: [HoldsService, RedemptionReads, HoldExpiry],
})
export class RedemptionWorkerModule {}
