import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiResponse } from '@nestjs/swagger';
import type { PrincipalRole } from '@tanlian/sdk';
import { ApiErrorBody } from '@tanlian/sdk';
import { openApiOutputSchema } from './openapi-schema';

// Who may call a route: here in the kernel, not in tenancy, so that the kernel's own routes
// (health, metrics, secrets) declare it without importing a domain module. Tenancy's guard enforces it.

export const ACCESS_POLICY = 'tanlian:access';
/** Roles that may call a route; `public` for anyone; `operator-signature` for signed operator pushes. */
export type AccessPolicy = 'public' | 'operator-signature' | PrincipalRole[];

const errorSchema = openApiOutputSchema(ApiErrorBody);

/**
 * Who may call a route. Path parameters `program` and `participant` are scoped by the guard on top:
 * another program's or another participant's ids answer 404 whatever the role.
 * The policy is also written into the OpenAPI spec (x-tanlian-access) so the tenancy tests read it.
 */
export function Allow(...roles: PrincipalRole[]) {
  return applyDecorators(
    SetMetadata(ACCESS_POLICY, roles),
    ApiExtension('x-tanlian-access', roles),
    ApiBearerAuth(),
    ApiResponse({
      status: 401,
      description: 'Missing, unknown or revoked API key',
      schema: errorSchema,
    }),
    ApiResponse({ status: 403, description: `Only for: ${roles.join(', ')}`, schema: errorSchema }),
    ApiResponse({ status: 404, description: 'Not found in your scope', schema: errorSchema }),
  );
}

/** A route anyone may call, e.g. health checks and, later, published methodologies. */
export function Public() {
  return applyDecorators(
    SetMetadata(ACCESS_POLICY, 'public'),
    ApiExtension('x-tanlian-access', 'public'),
  );
}

/**
 * A route an operator calls with a Standard Webhooks signature instead of an API key; the route's
 * own guard (OperatorSignatureGuard) verifies it.
 */
export function SignedByOperator() {
  return applyDecorators(
    SetMetadata(ACCESS_POLICY, 'operator-signature'),
    ApiExtension('x-tanlian-access', 'operator-signature'),
    ApiResponse({
      status: 401,
      description: 'Missing, stale or wrong signature',
      schema: errorSchema,
    }),
    ApiResponse({ status: 404, description: 'No such program or operator', schema: errorSchema }),
  );
}
