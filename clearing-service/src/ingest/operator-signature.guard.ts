import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { verifyWebhook } from '@tanlian/sdk';
import type { FastifyRequest } from 'fastify';
import { NotFoundError } from '../http/domain-error';
import type { Participant } from '../tenancy/entities/participant.entity';
import type { Program } from '../tenancy/entities/program.entity';
import { ParticipantsService } from '../tenancy/services/participants.service';
import { ProgramsService } from '../tenancy/services/programs.service';
import { WebhookSecretsService } from '../tenancy/services/webhook-secrets.service';

export interface SignedOperator {
  program: Program;
  operator: Participant;
  /** Which of the operator's webhook keys signed this request (rotation tells old from new). */
  keyId: string;
}

const SIGNED = Symbol('tanlian.signed-operator');

/**
 * Standard Webhooks verification of an operator's push: over the raw body, against the operator's
 * live keys, within ±300 s. The program and operator come from the path; keys of another
 * participant or program never verify, so one operator cannot write into another's events.
 */
@Injectable()
export class OperatorSignatureGuard implements CanActivate {
  constructor(
    private readonly programs: ProgramsService,
    private readonly participants: ParticipantsService,
    private readonly secrets: WebhookSecretsService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const request = ctx.switchToHttp().getRequest<FastifyRequest & { rawBody?: Buffer }>();
    const params = request.params as { program: string; operator: string };
    const program = await this.programs.findByCode(params.program);
    if (!program)
      throw new NotFoundError('program_not_found', `Program ${params.program} not found`);
    const operator = await this.participants.findByCode(program.id, params.operator);
    if (!operator || !operator.isOperator) {
      throw new NotFoundError(
        'operator_not_found',
        `Operator ${params.operator} not found in program ${program.code}`,
      );
    }
    const keys = await this.secrets.liveVerifyingKeys(operator.id);
    const verdict = verifyWebhook({
      headers: request.headers,
      body: request.rawBody ?? new Uint8Array(),
      keys,
      nowSeconds: Math.floor(Date.now() / 1000),
    });
    if (!verdict.ok) {
      throw new UnauthorizedException({
        code: `signature_${verdict.reason}`,
        message: verdict.message,
      });
    }
    (request as unknown as Record<symbol, SignedOperator>)[SIGNED] = {
      program,
      operator,
      keyId: verdict.keyId,
    };
    return true;
  }
}

export function signedOperatorOf(request: object): SignedOperator {
  const signed = (request as Record<symbol, SignedOperator | undefined>)[SIGNED];
  if (!signed) throw new Error('no verified operator: is OperatorSignatureGuard on this route?');
  return signed;
}
