import type { INestApplicationContext } from '@nestjs/common';
import { formatViewingKey } from '@tanlian/sdk';
import { ViewingKeys } from '../audit/services/viewing-keys';
import { MethodologySeeder } from '../methodology/services/methodology-seeder';
import { BindingsService } from '../residents/services/bindings.service';
import { ResidentsService } from '../residents/services/residents.service';
import { ResidentsStore } from '../residents/services/residents-store';
import { ResidentSessionsService } from '../residents/services/resident-sessions.service';

/** How many of the simulated residents shop at the demo's merchants. */
const DEMO_SHOPPERS = 40;
import type { Participant } from '../tenancy/entities/participant.entity';
import { ApiKeysService } from '../tenancy/services/api-keys.service';
import { ParticipantsStore } from '../tenancy/services/participants-store';
import { ProgramsStore } from '../tenancy/services/programs-store';
import { StaffUsersService } from '../tenancy/services/staff-users.service';
import { WebhookKeysStore } from '../tenancy/services/webhook-keys-store';
import { WebhookSecretsService } from '../tenancy/services/webhook-secrets.service';
import { DEMO_PARTICIPANTS, DEMO_PROGRAM, demoPopulation } from './demo-program';
import type { SimBinding } from './simulator';

export interface DemoCredentials {
  program: string;
  tokens: Record<string, string>;
  /** Per operator code: the id and whsec_ secret it signs its event pushes with. */
  webhookSecrets: Record<string, { id: string; secret: string }>;
  /** The bureau's viewing key, vk_<id>:<base64> (tanlian-verify --viewing-key). */
  viewingKey: string;
}

export interface DemoSeedResult {
  credentials: DemoCredentials;
  /** Session tokens of the residents who shop at the demo's merchants. */
  shoppers: string[];
  residents: number;
  bindings: number;
  newBindings: number;
}

/**
 * Creates the demo program, its participants, its methodologies, one API key per principal, a
 * webhook signing secret per operator, and the simulated residents bound to their operator
 * accounts. Idempotent: what exists is kept; keys and secrets are minted only when the saved
 * credentials do not work against this database.
 */
export async function seedDemo(
  app: INestApplicationContext,
  saved: Partial<DemoCredentials> | null,
): Promise<DemoSeedResult> {
  const programs = app.get(ProgramsStore);
  const participants = app.get(ParticipantsStore);
  const keys = app.get(ApiKeysService);

  let program = await programs.findByCode(DEMO_PROGRAM.code);
  const fresh = !program;
  program ??= await programs.create(DEMO_PROGRAM);
  for (const p of DEMO_PARTICIPANTS) {
    if (!(await participants.findByCode(program.id, p.code)))
      await participants.create(program.id, p);
  }
  await app.get(MethodologySeeder).seedMethodologies(program.id);

  const byCode = new Map<string, Participant>();
  for (const p of DEMO_PARTICIPANTS)
    byCode.set(p.code, (await participants.findByCode(program.id, p.code))!);

  const tokens =
    !fresh && saved?.tokens && (await allLive(keys, saved.tokens))
      ? saved.tokens
      : await mintTokens(app, program.id, byCode);

  const webhookSecrets: DemoCredentials['webhookSecrets'] = {};
  const secrets = app.get(WebhookSecretsService);
  for (const participant of byCode.values()) {
    if (!participant.isOperator) continue;
    const previous = saved?.webhookSecrets?.[participant.code];
    if (previous && (await stillLive(app.get(WebhookKeysStore), participant.id, previous))) {
      webhookSecrets[participant.code] = previous;
    } else {
      const issued = await secrets.issue(participant, { scheme: 'v1' });
      webhookSecrets[participant.code] = { id: issued.secret.id, secret: issued.plaintext! };
    }
  }

  const population = demoPopulation();
  const bindings = population.bindings();
  const newBindings = await bindMissing(app, program.id, byCode, bindings);
  const shoppers: string[] = [];
  for (const r of population.residents.slice(0, DEMO_SHOPPERS)) {
    const resident = await app.get(ResidentsService).findOrCreate(program.id, { openid: r.openid });
    shoppers.push((await app.get(ResidentSessionsService).open(resident.id)).token);
  }
  return {
    shoppers,
    credentials: {
      program: program.code,
      tokens,
      webhookSecrets,
      viewingKey: await viewingKeyOf(app.get(ViewingKeys), program.id, saved?.viewingKey),
    },
    residents: population.residents.length,
    bindings: bindings.length,
    newBindings,
  };
}

/** The saved viewing key while it is still the program's, else a new one. */
async function viewingKeyOf(
  viewingKeys: ViewingKeys,
  programId: number,
  saved: string | undefined,
): Promise<string> {
  const current = await viewingKeys.current(programId);
  if (saved && current && saved === formatViewingKey(current)) return saved;
  return formatViewingKey(await viewingKeys.issue(programId));
}

async function mintTokens(
  app: INestApplicationContext,
  programId: number,
  byCode: Map<string, Participant>,
): Promise<Record<string, string>> {
  const keys = app.get(ApiKeysService);
  const staff = app.get(StaffUsersService);
  const tokens: Record<string, string> = {};
  tokens.admin = (await keys.issueForStaff(await staff.createAdmin('demo admin'), 'demo')).token;
  tokens.bureau = (
    await keys.issueForStaff(
      await staff.createBureauUser(programId, '深圳市生态环境局 (demo)'),
      'demo',
    )
  ).token;
  for (const [code, participant] of byCode)
    tokens[code] = (await keys.issueForParticipant(programId, participant.id, 'demo')).token;
  return tokens;
}

async function allLive(keys: ApiKeysService, tokens: Record<string, string>): Promise<boolean> {
  for (const token of Object.values(tokens)) {
    if (!(await keys.authenticate(token))) return false;
  }
  return true;
}

/**
 * The saved secret still verifies here (not revoked). The database's secrets open with this key:
 * run-demo checks that first, since one that does not would fail every push (demo-state.ts).
 */
async function stillLive(
  secrets: WebhookKeysStore,
  participantId: number,
  saved: { id: string; secret: string },
): Promise<boolean> {
  const live = await secrets.liveVerifyingKeys(participantId);
  return live.keys.some((k) => k.keyId === saved.id && k.key === saved.secret);
}

/**
 * Binds each simulated resident to its operator accounts as it happens for real: the resident
 * signs in (findOrCreate), the operator issues a one-time token, the resident redeems it.
 * Pairs already bound are left alone, so a restart binds nothing twice.
 */
async function bindMissing(
  app: INestApplicationContext,
  programId: number,
  byCode: Map<string, Participant>,
  bindings: SimBinding[],
): Promise<number> {
  const residents = app.get(ResidentsService);
  const lookups = app.get(ResidentsStore);
  const service = app.get(BindingsService);
  const missing: SimBinding[] = [];
  const byOperator = new Map<string, SimBinding[]>();
  for (const b of bindings) byOperator.set(b.operator, [...(byOperator.get(b.operator) ?? []), b]);
  for (const [code, list] of byOperator) {
    const operator = byCode.get(code)!;
    const bound = await lookups.residentFor(
      programId,
      operator.id,
      list.map((b) => b.user),
    );
    missing.push(...list.filter((b) => !bound.has(b.user)));
  }
  let next = 0;
  const worker = async () => {
    while (next < missing.length) {
      const b = missing[next++];
      const resident = await residents.findOrCreate(programId, { openid: b.openid });
      const { token } = await service.issueToken(byCode.get(b.operator)!, b.user);
      await service.redeem({ residentId: resident.id, programId }, token);
    }
  };
  // Several at once; two first sign-ins of one resident are fine (findOrCreate takes the winner).
  await Promise.all(Array.from({ length: 6 }, worker));
  return missing.length;
}
