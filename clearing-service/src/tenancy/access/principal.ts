import type { PrincipalRole } from '@tanlian/sdk';
import type { ParticipantRole } from '../entities/participant.entity';

/** Who is calling, resolved from the bearer token (API key or resident session) on every request. */
export type Principal =
  | { kind: 'admin'; keyId: string; staffUserId: number; programId: null }
  | { kind: 'bureau'; keyId: string; staffUserId: number; programId: number }
  | {
      kind: 'participant';
      keyId: string;
      participantId: number;
      programId: number;
      roles: ParticipantRole[];
    }
  /** A resident signed in through the mini-program; keyId is the session id. */
  | { kind: 'resident'; keyId: string; residentId: number; programId: number };

export function principalRoles(principal: Principal): PrincipalRole[] {
  return principal.kind === 'participant' ? principal.roles : [principal.kind];
}

/** Credentials that should be tracked for rotation (API keys, not resident sessions). */
export function isApiKeyPrincipal(principal: Principal): boolean {
  return principal.kind !== 'resident';
}

/** The principal as one stable string, e.g. `participant:12`: what its idempotency keys belong to. */
export function principalScope(principal: Principal): string {
  switch (principal.kind) {
    case 'admin':
    case 'bureau':
      return `staff:${principal.staffUserId}`;
    case 'participant':
      return `participant:${principal.participantId}`;
    case 'resident':
      return `resident:${principal.residentId}`;
  }
}
