import { Module } from '@nestjs/common';
import { TenancyModule } from '../tenancy/tenancy.module';
import { AuditLogController } from './controllers/audit-log.controller';
import { AuditIntegrator } from './services/audit-integrator';
import { AuditKeyring } from './services/audit-keyring';
import { AuditLogReader } from './services/audit-log-reader';
import { AuditReceipts } from './services/audit-receipts';
import { AuditTreeStore } from './services/audit-tree-store';

export { AuditModule } from './audit-writing.module';

/** The worker side: the integrator seals leaves into subtrees and signed checkpoints (a timer). */
@Module({ providers: [AuditKeyring, AuditTreeStore, AuditIntegrator], exports: [AuditIntegrator] })
export class AuditWorkerModule {}

/** The api side: public checkpoints, keys, leaves and proofs. */
@Module({
  imports: [TenancyModule],
  controllers: [AuditLogController],
  providers: [AuditKeyring, AuditTreeStore, AuditLogReader, AuditReceipts],
  exports: [AuditReceipts],
})
export class AuditApiModule {}
