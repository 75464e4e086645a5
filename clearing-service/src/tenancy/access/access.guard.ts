import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { Participant } from '../entities/participant.entity';
import type { Program } from '../entities/program.entity';
import {
  forbiddenRole,
  invalidCredentials,
  malformedCredentials,
  missingCredentials,
  noAccessPolicy,
  operatorNotFound,
  participantNotFound,
  programNotFound,
} from '../tenancy-errors';
import { KeyUsageRecorder } from '../services/key-usage.recorder';
import { ParticipantsStore } from '../services/participants-store';
import { ProgramsStore } from '../services/programs-store';
import { ACCESS_POLICY, AccessPolicy } from './access.decorators';
import { BEARER_AUTHENTICATORS, BearerAuthenticator } from './bearer-authenticator';
import { isApiKeyPrincipal, Principal, principalRoles } from './principal';
import { attachTenancy, TenancyContext } from './tenancy-context';

/**
 * Resolves every request to (principal, program, participant) and refuses anything outside the
 * principal's scope. Fails closed: a route without a policy is refused.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(BEARER_AUTHENTICATORS) private readonly authenticators: BearerAuthenticator[],
    private readonly programs: ProgramsStore,
    private readonly participants: ParticipantsStore,
    private readonly keyUsage: KeyUsageRecorder,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [
      ctx.getHandler(),
      ctx.getClass(),
    ]);
    if (policy === 'public' || policy === 'operator-signature') return true;
    if (!policy) throw noAccessPolicy();

    const request = ctx.switchToHttp().getRequest<FastifyRequest>();
    const principal = await this.authenticate(request);
    const params = (request.params ?? {}) as Record<string, string | undefined>;

    const program =
      params.program !== undefined ? await this.scopeProgram(principal, params.program) : null;
    if (!principalRoles(principal).some((role) => policy.includes(role))) {
      throw forbiddenRole(policy.join(', '));
    }
    // `:operator` names a participant too (routes about an operator's events), scoped the same way.
    const participantCode = params.participant ?? params.operator;
    const participant =
      program && participantCode !== undefined
        ? await this.scopeParticipant(principal, program, participantCode)
        : null;
    if (participant && params.operator !== undefined && !participant.isOperator) {
      throw operatorNotFound(participantCode!, program!.code);
    }

    attachTenancy(request, new TenancyContext(principal, program, participant));
    if (isApiKeyPrincipal(principal)) this.keyUsage.record(principal.keyId);
    return true;
  }

  private async authenticate(request: FastifyRequest): Promise<Principal> {
    const header = request.headers.authorization;
    if (!header) throw missingCredentials();
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw malformedCredentials();
    let principal: Principal | null = null;
    for (const authenticator of this.authenticators) {
      principal = await authenticator.authenticate(match[1]);
      if (principal) break;
    }
    if (!principal) throw invalidCredentials();
    return principal;
  }

  /** Another program answers exactly like a missing one, so ids of other tenants leak nothing. */
  private async scopeProgram(principal: Principal, code: string): Promise<Program> {
    const program = await this.programs.findByCode(code);
    if (!program || (principal.kind !== 'admin' && program.id !== principal.programId)) {
      throw programNotFound(code);
    }
    return program;
  }

  private async scopeParticipant(
    principal: Principal,
    program: Program,
    code: string,
  ): Promise<Participant> {
    const participant = await this.participants.findByCode(program.id, code);
    if (
      !participant ||
      (principal.kind === 'participant' && participant.id !== principal.participantId)
    ) {
      throw participantNotFound(code, program.code);
    }
    return participant;
  }
}
