import type { TenancyContext } from '../../tenancy/access/tenancy-context';

export interface SignedInResident {
  residentId: number;
  programId: number;
  sessionId: string;
}

/** The resident a `@Allow('resident')` route acts for: always the caller itself, never a path id. */
export function signedInResident(tenancy: TenancyContext): SignedInResident {
  const { principal } = tenancy;
  if (principal.kind !== 'resident') throw new Error('route is not @Allow("resident") only');
  return {
    residentId: principal.residentId,
    programId: principal.programId,
    sessionId: principal.keyId,
  };
}
