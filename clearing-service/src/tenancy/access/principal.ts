import type { PrincipalRole } from '@tanlian/sdk';
import type { ParticipantRole } from '../entities/participant.entity';

/** Who is calling, resolved from the API key on every request. */
export type Principal =
  | { kind: 'admin'; keyId: string; staffUserId: number; programId: null }
  | { kind: 'bureau'; keyId: string; staffUserId: number; programId: number }
  | {
      kind: 'participant';
      keyId: string;
      participantId: number;
      programId: number;
      roles: ParticipantRole[];
    };

export function principalRoles(principal: Principal): PrincipalRole[] {
  return principal.kind === 'participant' ? principal.roles : [principal.kind];
}
