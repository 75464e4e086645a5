import { Module } from '@nestjs/common';
import { TenancyModule } from '../tenancy/tenancy.module';
import { AuditLogController } from './controllers/audit-log.controller';
import { AuditIntegrator } from './services/audit-integrator';
import { AuditKeyring } from './services/audit-keyring';
import { AuditLogReader } from './services/audit-log-reader';
import { AuditLogWriter } from './services/audit-log-writer';
import { AuditTreeStore } from './services/audit-tree-store';

/** The Merkle audit log of every ledger change: appending leaves in the writers' transactions. */
@Module({ providers: [AuditLogWriter], exports: [AuditLogWriter] })
export class AuditModule {}

/** The worker side: the integrator seals leaves into subtrees and signed checkpoints (a timer). */
@Module({ providers: [AuditKeyring, AuditTreeStore, AuditIntegrator], exports: [AuditIntegrator] })
export class AuditWorkerModule {}

/** The api side: public checkpoints, keys, leaves and proofs. */
@Module({
  imports: [TenancyModule],
  controllers: [AuditLogController],
  providers: [AuditKeyring, AuditTreeStore, AuditLogReader],
})
export class AuditApiModule {}
