import type { INestApplicationContext } from '@nestjs/common';
import { ApiKeysService } from '../tenancy/services/api-keys.service';
import { ParticipantsService } from '../tenancy/services/participants.service';
import { ProgramsService } from '../tenancy/services/programs.service';
import { StaffUsersService } from '../tenancy/services/staff-users.service';
import { DEMO_PARTICIPANTS, DEMO_PROGRAM } from './demo-program';

export interface DemoCredentials {
  program: string;
  tokens: Record<string, string>;
}

/**
 * Creates the demo program, its participants and one API key per principal. Idempotent: what
 * exists is kept; keys are minted only when the saved credentials do not match this database.
 */
export async function seedDemo(
  app: INestApplicationContext,
  saved: DemoCredentials | null,
): Promise<DemoCredentials> {
  const programs = app.get(ProgramsService);
  const participants = app.get(ParticipantsService);
  const keys = app.get(ApiKeysService);
  const staff = app.get(StaffUsersService);

  let program = await programs.findByCode(DEMO_PROGRAM.code);
  const fresh = !program;
  program ??= await programs.create(DEMO_PROGRAM);
  for (const p of DEMO_PARTICIPANTS) {
    if (!(await participants.findByCode(program.id, p.code)))
      await participants.create(program.id, p);
  }
  if (!fresh && saved && (await allLive(keys, saved))) return saved;

  const tokens: Record<string, string> = {};
  tokens.admin = (await keys.issueForStaff(await staff.createAdmin('demo admin'), 'demo')).token;
  tokens.bureau = (
    await keys.issueForStaff(
      await staff.createBureauUser(program.id, '深圳市生态环境局 (demo)'),
      'demo',
    )
  ).token;
  for (const p of DEMO_PARTICIPANTS) {
    const participant = await participants.findByCode(program.id, p.code);
    tokens[p.code] = (await keys.issueForParticipant(program.id, participant!.id, 'demo')).token;
  }
  return { program: program.code, tokens };
}

async function allLive(keys: ApiKeysService, saved: DemoCredentials): Promise<boolean> {
  for (const token of Object.values(saved.tokens)) {
    if (!(await keys.authenticate(token))) return false;
  }
  return true;
}
