// What each principal may open, from its roles (GET /v1/me), like ant-design-pro's access.ts:
// the menu shows only these, and the routes refuse the rest. The service checks again on every call.
import type { Principal } from '../session/principal';

export interface Access {
  admin: boolean;
  bureau: boolean;
  operator: boolean;
  merchant: boolean;
}

export function accessOf(principal: Principal | null): Access {
  const roles = new Set(principal?.roles ?? []);
  return {
    admin: roles.has('admin'),
    // An admin reaches every program's pages too (the service allows it on each route).
    bureau: roles.has('bureau'),
    operator: roles.has('operator'),
    merchant: roles.has('merchant'),
  };
}

export type AccessName = keyof Access;
