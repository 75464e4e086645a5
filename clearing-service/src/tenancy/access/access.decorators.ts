import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { TenancyContext, tenancyOf } from './tenancy-context';

// The policy decorators live in the kernel (http/access-policy.ts); re-exported so every domain
// controller keeps one import for access.
export {
  ACCESS_POLICY,
  type AccessPolicy,
  Allow,
  Public,
  SignedByOperator,
} from '../../http/access-policy';

/** The caller and the program/participant the path names, already checked by the guard. */
export const Tenancy = createParamDecorator((_: unknown, ctx: ExecutionContext): TenancyContext =>
  tenancyOf(ctx.switchToHttp().getRequest()),
);
