import type {
  ApiKeyView,
  ParticipantView,
  PrincipalView,
  ProgramView,
  StaffView,
  WebhookSecretView,
} from '@tanlian/sdk';
import type { Principal } from './access/principal';
import { principalRoles } from './access/principal';
import type { ApiKey } from './entities/api-key.entity';
import type { Participant } from './entities/participant.entity';
import type { Program } from './entities/program.entity';
import type { StaffUser } from './entities/staff-user.entity';
import type { WebhookSecret } from './entities/webhook-secret.entity';

// Entities → the public contract of @tanlian/sdk. Internal ids never leave the service.

export function programView(p: Program): ProgramView {
  return {
    code: p.code,
    name: p.name,
    gramsPerPoint: p.gramsPerPoint,
    fenPerPoint: p.fenPerPoint,
    auditHash: p.auditHash,
    settlementCycle: p.settlementCycle,
    createdAt: p.createdAt.toISOString(),
  };
}

export function participantView(p: Participant): ParticipantView {
  return {
    code: p.code,
    name: p.name,
    roles: p.roles,
    fundingMode: p.fundingMode,
    createdAt: p.createdAt.toISOString(),
  };
}

export function apiKeyView(k: ApiKey): ApiKeyView {
  return {
    id: k.id,
    label: k.label,
    createdAt: k.createdAt.toISOString(),
    revokedAt: k.revokedAt?.toISOString() ?? null,
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
  };
}

/** A bureau user with its keys (of `keys`, those that are its own). */
export function staffView(u: StaffUser, keys: readonly ApiKey[]): StaffView {
  return {
    name: u.name,
    role: 'bureau',
    createdAt: u.createdAt.toISOString(),
    keys: keys.filter((k) => k.staffUserId === u.id).map(apiKeyView),
  };
}

export function webhookSecretView(s: WebhookSecret): WebhookSecretView {
  return {
    id: s.id,
    scheme: s.scheme,
    publicKey: s.publicKey,
    createdAt: s.createdAt.toISOString(),
    revokedAt: s.revokedAt?.toISOString() ?? null,
  };
}

export function principalView(
  principal: Principal,
  program: Program | null,
  participant: Participant | null,
): PrincipalView {
  return {
    kind: principal.kind,
    keyId: principal.keyId,
    program: program?.code ?? null,
    participant: participant?.code ?? null,
    roles: principalRoles(principal),
  };
}
