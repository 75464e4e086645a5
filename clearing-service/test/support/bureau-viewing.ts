import { HttpViewingSource } from '@tanlian/sdk';
import { ViewingKeys } from '../../src/audit/services/viewing-keys';
import { ApiKeysService } from '../../src/tenancy/services/api-keys.service';
import { StaffUsersService } from '../../src/tenancy/services/staff-users.service';
import type { EarnEnv } from './earn-env';

/**
 * The bureau of the env's program with its API key and a viewing key just issued: the source
 * verifyAuditLog's bureau mode reads over the listening api at `url`.
 */
export async function bureauViewing(
  env: EarnEnv,
  url: string,
): Promise<{ apiKey: string; source: HttpViewingSource }> {
  const staff = await env.api.app
    .get(StaffUsersService)
    .createBureauUser(env.program.id, `${env.program.code} bureau`);
  const apiKey = (await env.api.app.get(ApiKeysService).issueForStaff(staff, 'tests')).token;
  const viewingKey = await env.api.app.get(ViewingKeys).issue(env.program.id);
  const source = new HttpViewingSource({ url, program: env.program.code, apiKey, viewingKey });
  return { apiKey, source };
}
