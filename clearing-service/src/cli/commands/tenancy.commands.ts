import { InvalidArgumentError, type Command } from 'commander';
import { ParticipantCreate, ProgramCreate } from '@tanlian/sdk';
import type { ZodType } from 'zod';
import { ApiKeysService } from '../../tenancy/services/api-keys.service';
import { ParticipantsStore } from '../../tenancy/services/participants-store';
import { ProgramsStore } from '../../tenancy/services/programs-store';
import { StaffUsersService } from '../../tenancy/services/staff-users.service';
import { WebhookSecretsService } from '../../tenancy/services/webhook-secrets.service';
import { CliError, print, ServiceLookup, withServices } from '../cli-context';

export function registerTenancyCommands(program: Command): void {
  program
    .command('program:create')
    .description('create a program (a city scheme)')
    .requiredOption('--code <code>', 'public identifier, e.g. shenzhen')
    .requiredOption('--name <name>', 'display name, e.g. 深圳碳普惠')
    .option('--grams-per-point <n>', 'grams CO2e per carbon point', toInt, 10)
    .option('--fen-per-point <n>', 'settlement value of a point in fen', toInt, 1)
    .option('--audit-hash <hash>', 'sha256 or sm3 (fixed for ever)', 'sha256')
    .option('--settlement-cycle <cycle>', 'daily, weekly or monthly', 'daily')
    .action((o) =>
      withServices(async (get) => {
        const input = parse(ProgramCreate, {
          code: o.code,
          name: o.name,
          gramsPerPoint: o.gramsPerPoint,
          fenPerPoint: o.fenPerPoint,
          auditHash: o.auditHash,
          settlementCycle: o.settlementCycle,
        });
        const created = await get(ProgramsStore).create(input);
        print({ program: created.code, name: created.name, 'audit hash': created.auditHash });
      }),
    );

  program
    .command('program:list')
    .description('list programs')
    .action(() =>
      withServices(async (get) => {
        for (const p of await get(ProgramsStore).list()) {
          process.stdout.write(
            `${p.code}\t${p.name}\t${p.gramsPerPoint} g/point\t${p.fenPerPoint} fen/point\t${p.auditHash}\n`,
          );
        }
      }),
    );

  program
    .command('participant:create')
    .description('onboard an operator, a merchant, or both')
    .requiredOption('--program <code>')
    .requiredOption('--code <code>', 'public identifier, e.g. shenzhen-metro')
    .requiredOption('--name <name>')
    .requiredOption('--roles <roles>', 'operator, merchant or operator,merchant')
    .option('--funding <mode>', 'prepaid or postpaid (operators)')
    .action((o) =>
      withServices(async (get) => {
        const p = await programByCode(get, o.program);
        const input = parse(ParticipantCreate, {
          code: o.code,
          name: o.name,
          roles: String(o.roles)
            .split(',')
            .map((r) => r.trim()),
          fundingMode: o.funding,
        });
        const created = await get(ParticipantsStore).create(p.id, input);
        print({
          participant: created.code,
          program: p.code,
          roles: created.roles.join(','),
          funding: created.fundingMode ?? '-',
        });
      }),
    );

  program
    .command('participant:list')
    .requiredOption('--program <code>')
    .action((o) =>
      withServices(async (get) => {
        const p = await programByCode(get, o.program);
        for (const x of await get(ParticipantsStore).list(p.id)) {
          process.stdout.write(
            `${x.code}\t${x.name}\t${x.roles.join(',')}\t${x.fundingMode ?? '-'}\n`,
          );
        }
      }),
    );

  program
    .command('key:create')
    .description(
      'create an API key for a participant, a bureau user or a platform admin; prints the token once',
    )
    .option('--program <code>')
    .option('--participant <code>')
    .option('--bureau <name>', 'create a bureau user of --program with this name, and its key')
    .option('--admin <name>', 'create a platform admin with this name, and its key')
    .option('--label <label>', 'what the key is for', 'created by the admin CLI')
    .action((o) =>
      withServices(async (get) => {
        const keys = get(ApiKeysService);
        const owners = [o.participant, o.bureau, o.admin].filter((x) => x !== undefined).length;
        if (owners !== 1)
          throw new CliError('name exactly one of --participant, --bureau, --admin');
        let issued;
        if (o.admin !== undefined) {
          issued = await keys.issueForStaff(
            await get(StaffUsersService).createAdmin(o.admin),
            o.label,
          );
        } else {
          const p = await programByCode(get, o.program);
          if (o.bureau !== undefined) {
            issued = await keys.issueForStaff(
              await get(StaffUsersService).createBureauUser(p.id, o.bureau),
              o.label,
            );
          } else {
            const participant = await participantByCode(get, p.id, o.participant);
            issued = await keys.issueForParticipant(p.id, participant.id, o.label);
          }
        }
        print({ key: issued.key.id, token: issued.token });
        process.stderr.write('The token is shown only now; store it in your secret manager.\n');
      }),
    );

  program
    .command('key:list')
    .requiredOption('--program <code>')
    .requiredOption('--participant <code>')
    .action((o) =>
      withServices(async (get) => {
        const p = await programByCode(get, o.program);
        const participant = await participantByCode(get, p.id, o.participant);
        for (const k of await get(ApiKeysService).listForParticipant(participant.id)) {
          const state = k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : 'live';
          process.stdout.write(
            `${k.id}\t${state}\tlast used ${k.lastUsedAt?.toISOString() ?? 'never'}\t${k.label}\n`,
          );
        }
      }),
    );

  program
    .command('key:revoke')
    .description('revoke an API key; refused from the next request on')
    .requiredOption('--key <id>')
    .action((o) =>
      withServices(async (get) => {
        const key = await get(ApiKeysService).revokeById(o.key);
        print({ key: key.id, revoked: key.revokedAt?.toISOString() });
      }),
    );

  program
    .command('webhook-secret:create')
    .description("add a signing key to an operator's webhooks; prints the secret once")
    .requiredOption('--program <code>')
    .requiredOption('--participant <code>')
    .option('--scheme <scheme>', 'v1 (HMAC) or v1a (Ed25519)', 'v1')
    .action((o) =>
      withServices(async (get) => {
        const p = await programByCode(get, o.program);
        const participant = await participantByCode(get, p.id, o.participant);
        const scheme = o.scheme === 'v1a' ? 'v1a' : o.scheme === 'v1' ? 'v1' : null;
        if (!scheme) throw new CliError('--scheme must be v1 or v1a');
        const issued = await get(WebhookSecretsService).issue(participant, { scheme });
        print({
          id: issued.secret.id,
          scheme,
          secret: issued.plaintext,
          'public key': issued.secret.publicKey ?? '-',
        });
        process.stderr.write('The secret is shown only now.\n');
      }),
    );

  program
    .command('webhook-secret:revoke')
    .requiredOption('--program <code>')
    .requiredOption('--participant <code>')
    .requiredOption('--id <id>')
    .action((o) =>
      withServices(async (get) => {
        const p = await programByCode(get, o.program);
        const participant = await participantByCode(get, p.id, o.participant);
        const secret = await get(WebhookSecretsService).revoke(participant, o.id);
        print({ id: secret.id, revoked: secret.revokedAt?.toISOString() });
      }),
    );
}

async function programByCode(get: ServiceLookup, code: string | undefined) {
  if (!code) throw new CliError('--program is required');
  const p = await get(ProgramsStore).findByCode(code);
  if (!p) throw new CliError(`program ${code} not found`);
  return p;
}

async function participantByCode(get: ServiceLookup, programId: number, code: string) {
  const p = await get(ParticipantsStore).findByCode(programId, code);
  if (!p) throw new CliError(`participant ${code} not found`);
  return p;
}

/** Same contract as the API: one line per bad field. */
function parse<T>(schema: ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new CliError(
    result.error.issues.map((i) => `${i.path.join('.') || 'input'} ${i.message}`).join('; '),
  );
}

function toInt(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('must be a whole number');
  return Number(value);
}
