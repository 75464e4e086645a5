import { Module } from '@nestjs/common';
import { TenancyModule } from '../tenancy/tenancy.module';
import { ResidentRedemptionCodesController } from './controllers/resident-redemption-codes.controller';
import { RedemptionCodesService } from './services/redemption-codes.service';

/**
 * Redemption on the api: residents' redemption codes today; holds, captures and refunds, which
 * consume the codes (consumeRedemptionCode), arrive with them.
 */
@Module({
  imports: [TenancyModule],
  controllers: [ResidentRedemptionCodesController],
  providers: [RedemptionCodesService],
})
export class RedemptionApiModule {}
