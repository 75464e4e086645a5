import { Module } from '@nestjs/common';
import { AuditLogWriter } from './services/audit-log-writer';
import { AuditRecords } from './services/audit-records';
import { ResidentChains } from './services/resident-chains';

/**
 * Appending leaves in the writers' own transactions: ledger changes (crediting, funding), with
 * residents' chains for their entries, and governance records (methodologies, keys). In a file of its own that imports no other domain
 * module: tenancy, methodology, ledger and crediting import it, while audit's reading, worker and api
 * modules import tenancy (test/architecture/module-cycles.spec.ts keeps it so).
 */
@Module({
  providers: [AuditLogWriter, AuditRecords, ResidentChains],
  exports: [AuditLogWriter, AuditRecords, ResidentChains],
})
export class AuditWritingModule {}
