import {
  AUDIT_LEAVES_PAGE,
  type AuditBalancesView,
  type AuditCheckpointsView,
  type AuditConsistencyProofView,
  type AuditKeysView,
  type AuditLeavesView,
  type AuditLogSource,
} from '@tanlian/sdk';
import type { Program } from '../../tenancy/entities/program.entity';
import type { AuditBalances } from './audit-balances';
import type { AuditCheckpoints } from './audit-checkpoints';
import type { AuditLogReader } from './audit-log-reader';

/**
 * The service's own log as the sdk verifier reads it: the same services that answer the public
 * HTTP API, called in-process, so the fsck checks exactly what an auditor would be served.
 */
export class ServiceLogSource implements AuditLogSource {
  constructor(
    private readonly program: Program,
    private readonly reader: AuditLogReader,
    private readonly checkpointHistory: AuditCheckpoints,
    private readonly balanceSheet: AuditBalances,
  ) {}

  async keys(): Promise<AuditKeysView> {
    return { ...(await this.reader.keys(this.program)), witnesses: [] };
  }

  checkpoints(after: number, limit: number): Promise<AuditCheckpointsView> {
    return this.checkpointHistory.history(this.program.id, after, limit);
  }

  leaves(start: number, end: number): Promise<AuditLeavesView> {
    return this.reader.leaves(this.program, start, end, AUDIT_LEAVES_PAGE);
  }

  consistencyProof(from: number, to: number): Promise<AuditConsistencyProofView> {
    return this.reader.consistency(this.program, from, to);
  }

  balances(size: number, after: number, limit: number): Promise<AuditBalancesView> {
    return this.balanceSheet.page(this.program.id, size, after, limit);
  }
}
