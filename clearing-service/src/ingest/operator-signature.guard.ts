import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { verifyWebhook } from '@tanlian/sdk';
import type { FastifyRequest } from 'fastify';
import type { Participant } from '../tenancy/entities/participant.entity';
import type { Program } from '../tenancy/entities/program.entity';
import { operatorNotFound } from '../tenancy/tenancy-errors';
import { signatureRejected, signingSecretUnreadable } from './ingest-errors';
import { IngestLookups } from './services/ingest-lookups';

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
  constructor(private readonly lookups: IngestLookups) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const request = ctx.switchToHttp().getRequest<FastifyRequest & { rawBody?: Buffer }>();
    const params = request.params as { program: string; operator: string };
    const scope = await this.lookups.scope(params.program, params.operator);
    if (!scope) {
      // One answer for "no such program" and "no such operator": the path reveals nothing more.
      throw operatorNotFound(params.operator, params.program);
    }
    const { program, operator } = scope;
    const { keys, unreadable } = await this.lookups.verifyingKeys(operator.id);
    const verdict = verifyWebhook({
      headers: request.headers,
      body: request.rawBody ?? new Uint8Array(),
      keys,
      nowSeconds: Math.floor(Date.now() / 1000),
    });
    if (!verdict.ok && unreadable.length > 0) {
      // The signature may well be right under the key the server cannot read: not the operator's fault.
      throw signingSecretUnreadable(unreadable.length);
    }
    if (!verdict.ok) {
      throw signatureRejected(verdict.reason, verdict.message);
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
