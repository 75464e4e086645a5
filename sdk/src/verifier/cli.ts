#!/usr/bin/env node
/// <reference types="node" />
// tanlian-verify: any auditor's independent check of a program's audit log over the public API.
// Exit status: 0 the log verifies, 1 a discrepancy was found, 2 usage or network error.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseVerifierKey, type NoteVerifierKey } from '../audit/note-key';
import { parseViewingKey, type ViewingKey } from '../audit/resident-entry/viewing-key';
import { HttpAuditLogSource } from './http-source';
import { HttpViewingSource } from './http-viewing-source';
import { progressLine, verdictLine } from './report-text';
import { verifyAuditLog } from './verify-audit-log';

const USAGE = `Usage: tanlian-verify --url <base url> --program <code> [--key <vkey>]... [--json] [--quiet]
       [--viewing-key <file> --api-key-file <file>]

Verifies a Tanlian program's audit log over its public API: every checkpoint signature and
consistency step, every root recomputed from the leaves, every ledger transaction replayed,
and the service's balances against the replay. Stops at the first discrepancy.

With the bureau's viewing key it also replays every resident: each resident entry is
attributed to its resident's chain (no gap, no fork, no foreign entry), its private part
checked against its commitment, every resident lot never below zero and equal to the
balance the service reports.

  --url <base url>        the service, e.g. https://api.tanlian.example
  --program <code>        the program (tenant) code, e.g. shenzhen
  --key <vkey>            a pinned checkpoint verifier key <name>+<key id>+<base64>; repeatable.
                          Without one, the keys the log publishes are used (with a warning).
  --viewing-key <file>    a file holding the program's viewing key (vk_…:<base64>), as
                          \`tanlian audit:viewing-key\` printed it
  --api-key-file <file>   a file holding a bureau user's API key of the program (or set
                          TANLIAN_API_KEY); needed with --viewing-key
  --json                  print the full result as JSON on stdout
  --progress-every <n>    report progress on stderr every n leaves (default 10000)
  --quiet                 no progress
  -h, --help              this help

Exit status: 0 PASS, 1 FAIL (a discrepancy), 2 usage or network error.
`;

class UsageError extends Error {}

interface Invocation {
  url: string;
  program: string;
  keys: NoteVerifierKey[];
  json: boolean;
  quiet: boolean;
  progressEvery: number;
  viewing: { viewingKey: ViewingKey; apiKey: string } | null;
}

function parse(argv: string[]): Invocation | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        url: { type: 'string' },
        program: { type: 'string' },
        key: { type: 'string', multiple: true },
        'viewing-key': { type: 'string' },
        'api-key-file': { type: 'string' },
        json: { type: 'boolean' },
        quiet: { type: 'boolean' },
        'progress-every': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.help) return 'help';
  const { url, program } = values;
  if (url === undefined || !/^https?:\/\/[^/]/.test(url)) {
    throw new UsageError('--url <base url> is required (http:// or https://)');
  }
  if (program === undefined || program === '') throw new UsageError('--program <code> is required');
  const keys = (values.key ?? []).map((vkey) => {
    const parsed = parseVerifierKey(vkey);
    if (!parsed.ok) throw new UsageError(`--key ${vkey}: ${parsed.reason}`);
    return parsed.key;
  });
  const every = Number(values['progress-every'] ?? 10_000);
  if (!Number.isSafeInteger(every) || every < 1) {
    throw new UsageError('--progress-every must be a positive whole number');
  }
  return {
    url,
    program,
    keys,
    viewing: viewingOf(values['viewing-key'], values['api-key-file']),
    json: values.json ?? false,
    quiet: values.quiet ?? false,
    progressEvery: every,
  };
}

function viewingOf(keyFile: string | undefined, apiKeyFile: string | undefined) {
  if (keyFile === undefined) {
    if (apiKeyFile !== undefined) throw new UsageError('--api-key-file goes with --viewing-key');
    return null;
  }
  const parsed = parseViewingKey(readSecret(keyFile, '--viewing-key'));
  if (!parsed.ok) throw new UsageError(`--viewing-key ${keyFile}: ${parsed.reason}`);
  const apiKey =
    apiKeyFile !== undefined
      ? readSecret(apiKeyFile, '--api-key-file')
      : (process.env.TANLIAN_API_KEY ?? '').trim();
  if (apiKey === '') {
    throw new UsageError(
      '--viewing-key needs a bureau API key: --api-key-file <file> or TANLIAN_API_KEY',
    );
  }
  return { viewingKey: parsed.key, apiKey };
}

/** A secret from a file (never from the command line, where `ps` shows it), trimmed. */
function readSecret(file: string, option: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (err) {
    throw new UsageError(`${option} ${file}: ${(err as Error).message}`);
  }
}

async function main(argv: string[]): Promise<number> {
  let invocation: Invocation | 'help';
  try {
    invocation = parse(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`tanlian-verify: ${err.message}\n\n${USAGE}`);
    return 2;
  }
  if (invocation === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  const { url, program, keys, json, quiet, progressEvery, viewing } = invocation;
  try {
    const result = await verifyAuditLog(new HttpAuditLogSource({ url, program }), {
      program,
      viewing:
        viewing === null
          ? undefined
          : {
              source: new HttpViewingSource({
                url,
                program,
                apiKey: viewing.apiKey,
                viewingKey: viewing.viewingKey,
              }),
            },
      trustedKeys: keys.length > 0 ? keys : undefined,
      progressEvery,
      onProgress: quiet
        ? undefined
        : (p) => process.stderr.write(`tanlian-verify: ${progressLine(p)}\n`),
    });
    if (json) {
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    } else {
      for (const warning of result.warnings) process.stderr.write(`warning: ${warning}\n`);
      process.stdout.write(`${verdictLine(result)}\n`);
    }
    return result.ok ? 0 : 1;
  } catch (err) {
    process.stderr.write(
      `tanlian-verify: error: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`tanlian-verify: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 2;
  },
);
