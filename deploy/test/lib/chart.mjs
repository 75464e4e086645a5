// Runs helm (from deploy/tools/helm.mjs) on the chart and parses what it renders.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { helmBinary } from '../../tools/helm.mjs';

export const CHART = join(fileURLToPath(import.meta.url), '..', '..', '..', 'helm', 'tanlian');
export const VARIANTS = readdirSync(join(CHART, 'ci'))
  .filter((f) => f.endsWith('-values.yaml'))
  .map((f) => f.replace(/-values\.yaml$/, ''));

/** helm's exit status and output; `args` after the binary. */
export function helm(args) {
  const r = spawnSync(helmBinary(), args, { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `helm template` of a ci variant (or extra `--set` flags); throws with helm's message on failure. */
export function render(variant, extra = []) {
  const r = helm([
    'template',
    'tl',
    CHART,
    '-f',
    join(CHART, 'ci', `${variant}-values.yaml`),
    ...extra,
  ]);
  if (r.status !== 0) throw new Error(`helm template ${variant}: ${r.stderr}`);
  return r.stdout;
}

export function objectsOf(text) {
  return parseAllDocuments(text)
    .map((d) => d.toJS())
    .filter((o) => o !== null);
}
