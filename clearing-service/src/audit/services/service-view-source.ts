import type {
  AuditResidentBalancesView,
  AuditViewingEntriesView,
  ResidentViewSource,
  ViewedResident,
} from '@tanlian/sdk';
import type { Program } from '../../tenancy/entities/program.entity';
import type { AuditViewing } from './audit-viewing';

/**
 * What the viewing key opens, as the service's fsck reads it: the same services that answer the
 * bureau's routes, with the residents' keys opened under the keyring instead of wrapped.
 */
export class ServiceViewSource implements ResidentViewSource {
  constructor(
    private readonly program: Program,
    private readonly viewing: AuditViewing,
  ) {}

  residents(
    after: number,
    limit: number,
  ): Promise<{ residents: ViewedResident[]; next: number | null }> {
    return this.viewing.residents(this.program, after, limit);
  }

  entries(start: number, end: number): Promise<AuditViewingEntriesView> {
    return this.viewing.entries(this.program, start, end);
  }

  balances(size: number, after: number, limit: number): Promise<AuditResidentBalancesView> {
    return this.viewing.balances(this.program.id, size, after, limit);
  }
}
