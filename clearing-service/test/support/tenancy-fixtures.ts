import type { INestApplicationContext } from '@nestjs/common';
import { ResidentLoginService } from '../../src/residents/services/resident-login.service';
import type { Participant } from '../../src/tenancy/entities/participant.entity';
import type { Program } from '../../src/tenancy/entities/program.entity';
import { ApiKeysService } from '../../src/tenancy/services/api-keys.service';
import { ParticipantsStore } from '../../src/tenancy/services/participants-store';
import { ProgramsStore } from '../../src/tenancy/services/programs-store';
import { StaffUsersService } from '../../src/tenancy/services/staff-users.service';
import { WebhookSecretsService } from '../../src/tenancy/services/webhook-secrets.service';

export interface ProgramFixture {
  program: Program;
  operator: Participant;
  merchant: Participant;
  /** API tokens by principal (a resident session token for the resident). */
  tokens: { bureau: string; operator: string; merchant: string; resident: string };
  /** The resident's public id (res_…). */
  residentId: string;
  /** One API key id and one webhook secret id per participant, for routes that name them. */
  keyIds: { operator: string; merchant: string };
  webhookSecretIds: { operator: string };
}

export interface TenancyFixture {
  adminToken: string;
  a: ProgramFixture;
  b: ProgramFixture;
}

/** Two programs, each with an operator, a merchant and a bureau user, and a platform admin. */
export async function seedTenancy(app: INestApplicationContext): Promise<TenancyFixture> {
  const staff = app.get(StaffUsersService);
  const keys = app.get(ApiKeysService);
  const admin = await keys.issueForStaff(await staff.createAdmin('platform admin'), 'tests');
  return {
    adminToken: admin.token,
    a: await seedProgram(app, 'alpha'),
    b: await seedProgram(app, 'beta'),
  };
}

async function seedProgram(app: INestApplicationContext, code: string): Promise<ProgramFixture> {
  const programs = app.get(ProgramsStore);
  const participants = app.get(ParticipantsStore);
  const keys = app.get(ApiKeysService);
  const program = await programs.create({
    code,
    name: `${code} city`,
    gramsPerPoint: 10,
    fenPerPoint: 1,
    auditHash: 'sha256',
    settlementCycle: 'daily',
  });
  const operator = await participants.create(program.id, {
    code: `${code}-metro`,
    name: `${code} metro`,
    roles: ['operator'],
    fundingMode: 'prepaid',
  });
  const merchant = await participants.create(program.id, {
    code: `${code}-cafe`,
    name: `${code} cafe`,
    roles: ['merchant'],
  });
  const bureau = await keys.issueForStaff(
    await app.get(StaffUsersService).createBureauUser(program.id, `${code} bureau`),
    'tests',
  );
  const operatorKey = await keys.issueForParticipant(program.id, operator.id, 'tests');
  const merchantKey = await keys.issueForParticipant(program.id, merchant.id, 'tests');
  const secret = await app.get(WebhookSecretsService).issue(operator, { scheme: 'v1' });
  // Signed in through the development WeChat provider (tests configure no AppID).
  const resident = await app.get(ResidentLoginService).login(program, `dev:${code}-resident`);
  return {
    program,
    operator,
    merchant,
    tokens: {
      bureau: bureau.token,
      operator: operatorKey.token,
      merchant: merchantKey.token,
      resident: resident.token,
    },
    residentId: resident.resident.publicId,
    keyIds: { operator: operatorKey.key.id, merchant: merchantKey.key.id },
    webhookSecretIds: { operator: secret.secret.id },
  };
}

/** One more merchant of a program, with an API key: whose things another merchant must not reach. */
export async function seedMerchant(
  app: INestApplicationContext,
  program: Program,
  code: string,
): Promise<{ merchant: Participant; token: string }> {
  const merchant = await app
    .get(ParticipantsStore)
    .create(program.id, { code, name: code.replace('-', ' '), roles: ['merchant'] });
  const key = await app.get(ApiKeysService).issueForParticipant(program.id, merchant.id, 'tests');
  return { merchant, token: key.token };
}
