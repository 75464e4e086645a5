import { formatVerifierKey, publicKeyFromSecret } from '@tanlian/sdk';
import type { Command } from 'commander';
import { randomBytes } from 'node:crypto';
import { AuditSigningKeys, type SigningKey } from '../../audit/services/audit-signing-keys';
import { ProgramsStore } from '../../tenancy/services/programs-store';
import { CliError, print, withServices, type ServiceLookup } from '../cli-context';

// The registry of a log's checkpoint keys (src/audit/README.md, "Keys"). Rotation: generate B,
// put it in the workers' AUDIT_SIGNING_KEYS, add and activate it, wait for a checkpoint, retire A.
export function registerSigningKeyCommands(program: Command): void {
  program
    .command('audit-key:generate')
    .description(
      'make a new checkpoint signing key: prints the AUDIT_SIGNING_KEYS entry (secret: give it to the workers only) and its public verifier key for audit-key:add',
    )
    .requiredOption('--name <name>', 'key name, e.g. tanlian.example-2027')
    .action((o) => {
      const seed = randomBytes(32);
      const vkey = formatVerifierKey({ name: o.name, publicKey: publicKeyFromSecret(seed) });
      print({ 'AUDIT_SIGNING_KEYS entry': `${o.name}+${seed.toString('base64')}`, vkey });
    });

  program
    .command('audit-key:list')
    .description("list a program's checkpoint signing keys")
    .requiredOption('--program <code>')
    .action((o) =>
      withServices(async (get) => {
        const keys = await get(AuditSigningKeys).ofLog(await programId(get, o.program));
        if (keys.length === 0) process.stderr.write('no signing key registered yet\n');
        for (const k of keys) process.stdout.write(`${describe(k)}\n`);
      }),
    );

  program
    .command('audit-key:add')
    .description(
      'register a checkpoint key for a program (writes a leaf announcing it); it signs once activated',
    )
    .requiredOption('--program <code>')
    .requiredOption('--vkey <vkey>', 'the verifier key audit-key:generate printed')
    .option('--activate', 'activate it at once (a second leaf)', false)
    .option(
      '--genesis',
      "register it as the log's first key, for a log that has none (e.g. its checkpoints were signed before keys were registered)",
      false,
    )
    .action((o) =>
      withServices(async (get) => {
        const keys = get(AuditSigningKeys);
        const id = await programId(get, o.program);
        let key = await keys.register(id, o.vkey, o.genesis);
        if (o.activate && key.state === 'registered') key = await keys.activate(id, key.name);
        process.stdout.write(`${describe(key)}\n`);
      }),
    );

  program
    .command('audit-key:activate')
    .description(
      'let a registered key sign (writes a leaf); it signs once a checkpoint of an earlier key covers that leaf',
    )
    .requiredOption('--program <code>')
    .requiredOption('--key <name>', 'key name or key id')
    .action((o) =>
      withServices(async (get) => {
        const key = await get(AuditSigningKeys).activate(await programId(get, o.program), o.key);
        process.stdout.write(`${describe(key)}\n`);
      }),
    );

  program
    .command('audit-key:retire')
    .description(
      'stop a key signing (writes a leaf); it stays published, trusted up to its retirement. Refused unless another key can sign',
    )
    .requiredOption('--program <code>')
    .requiredOption('--key <name>', 'key name or key id')
    .action((o) =>
      withServices(async (get) => {
        const key = await get(AuditSigningKeys).retire(await programId(get, o.program), o.key);
        process.stdout.write(`${describe(key)}\n`);
      }),
    );
}

async function programId(get: ServiceLookup, code: string): Promise<number> {
  const found = await get(ProgramsStore).findByCode(code);
  if (!found) throw new CliError(`program ${code} not found`);
  return found.id;
}

function describe(k: SigningKey): string {
  const range = [
    k.genesis ? 'genesis' : null,
    k.activatedIndex !== null ? `activated at leaf ${k.activatedIndex}` : null,
    k.retiredIndex !== null ? `retired at leaf ${k.retiredIndex}` : null,
  ].filter(Boolean);
  return `${k.name}\t${k.keyId}\t${k.state}\t${range.join(', ') || '-'}\t${k.vkey}`;
}
