import type { paths } from '../api/schema';

/** Who the pasted key acts as: GET /v1/me. */
export type Principal = paths['/v1/me']['get']['responses']['200']['content']['application/json'];
export type Role = Principal['roles'][number];
