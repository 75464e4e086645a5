import type { Participant } from '../entities/participant.entity';
import type { Program } from '../entities/program.entity';
import type { Principal } from './principal';

/** What the access guard resolved for one request. */
export class TenancyContext {
  constructor(
    readonly principal: Principal,
    private readonly scopedProgram: Program | null,
    private readonly scopedParticipant: Participant | null,
  ) {}

  /** The program named by the `:program` path parameter (the route must have one). */
  get program(): Program {
    if (!this.scopedProgram) throw new Error('route has no :program parameter');
    return this.scopedProgram;
  }

  /** The participant named by the `:participant` path parameter (the route must have one). */
  get participant(): Participant {
    if (!this.scopedParticipant) throw new Error('route has no :participant parameter');
    return this.scopedParticipant;
  }
}

const KEY = Symbol('tanlian.tenancy');

export function attachTenancy(request: object, context: TenancyContext): void {
  (request as Record<symbol, TenancyContext>)[KEY] = context;
}

export function tenancyOf(request: object): TenancyContext {
  const context = (request as Record<symbol, TenancyContext | undefined>)[KEY];
  if (!context) throw new Error('no tenancy context: is the route @Public()?');
  return context;
}
