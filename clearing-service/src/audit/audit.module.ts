import { Module } from '@nestjs/common';
import { AuditLogWriter } from './services/audit-log-writer';

/** The Merkle audit log of every ledger change. Now: appending leaves; proofs and checkpoints build on them. */
@Module({ providers: [AuditLogWriter], exports: [AuditLogWriter] })
export class AuditModule {}
