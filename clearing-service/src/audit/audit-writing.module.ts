import { Module } from '@nestjs/common';
import { AuditLogWriter } from './services/audit-log-writer';
import { AuditRecords } from './services/audit-records';

/**
 * Appending leaves in the writers' own transactions: ledger changes (crediting, funding) and
 * governance records (methodologies, keys). In a file of its own, with no imports, because
 * tenancy and methodology need it while the audit api module needs tenancy.
 */
@Module({ providers: [AuditLogWriter, AuditRecords], exports: [AuditLogWriter, AuditRecords] })
export class AuditModule {}
