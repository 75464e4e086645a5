#!/usr/bin/env node
/// <reference types="node" />
// tanlian-verify: any auditor's independent check of a program's audit log over the public API.
// Exit status: 0 the log verifies, 1 a discrepancy was found, 2 usage or network error.
import { parseArgs } from 'node:util';
import { parseVerifierKey, type NoteVerifierKey } from '../audit/note-key';
import { HttpAuditLogSource } from './http-source';
import { progressLine, verdictLine } from './report-text';
import { verifyAuditLog } from './verify-audit-log';

const USAGE = `Usage: tanlian-verify --url <base url> --program <code> [--key <vkey>]... [--json] [--quiet]

Verifies a Tanlian program's audit log over its public API: every checkpoint signature and
consistency step, every root recomputed from the leaves, every ledger transaction replayed,
and the service's balances against the replay. Stops at the first discrepancy.

  --url <base url>        the service, e.g. https://api.tanlian.example
  --program <code>        the program (tenant) code, e.g. shenzhen
  --key <vkey>            a pinned checkpoint verifier key <name>+<key id>+<base64>; repeatable.
                          Without one, the keys the log publishes are used (with a warning).
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
    json: values.json ?? false,
    quiet: values.quiet ?? false,
    progressEvery: every,
  };
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
  const { url, program, keys, json, quiet, progressEvery } = invocation;
  try {
    const result = await verifyAuditLog(new HttpAuditLogSource({ url, program }), {
      program,
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
