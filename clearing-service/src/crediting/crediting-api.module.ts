import { Module } from '@nestjs/common';
import { AuditApiModule } from '../audit/audit.module';
import { ResidentAccountController } from './controllers/resident-account.controller';
import { ResidentAccountReader } from '../read-models/resident-account';

/** The api side of earning: what residents see of their reductions and points, with receipts. */
@Module({
  imports: [AuditApiModule],
  controllers: [ResidentAccountController],
  providers: [ResidentAccountReader],
})
export class CreditingApiModule {}
