// The alert rules (promtool) and the metrics that the rules and the dashboard name: each must be
// on the api's /metrics, scraped from the built api on a migrated database of its own.
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { serviceDatabase } from '../docker/service-database.mjs';

const repo = join(fileURLToPath(import.meta.url), '..', '..', '..');
const rules = join(repo, 'deploy/helm/tanlian/rules');
const PORT = Number(process.env.DEPLOY_TEST_PORT ?? 3801);

function promtool(args) {
  const r = spawnSync('promtool', args, { encoding: 'utf8', cwd: rules });
  if (r.error?.code === 'ENOENT') {
    throw new Error("promtool is missing: deploy/test.sh installs Debian's prometheus package");
  }
  return r;
}

/** tanlian_* names in PromQL, histogram series folded onto their metric. */
function metricNames(exprs) {
  const names = exprs.flatMap((e) => e.match(/\btanlian_[a-z0-9_]+/g) ?? []);
  return [...new Set(names.map((n) => n.replace(/_(bucket|sum|count)$/, '')))].sort();
}
const ruleExprs = parse(readFileSync(join(rules, 'alerts.yaml'), 'utf8')).groups.flatMap((g) =>
  g.rules.map((r) => r.expr),
);
const dashboard = JSON.parse(
  readFileSync(join(repo, 'deploy/helm/tanlian/dashboards/tanlian.json'), 'utf8'),
);
const dashboardExprs = dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr));

describe('alert rules', () => {
  it('promtool check rules passes', () => {
    const r = promtool(['check', 'rules', 'alerts.yaml']);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /SUCCESS: 5 rules found/);
  });
  it('promtool test rules passes (each alert fires when it should and not before)', () => {
    const r = promtool(['test', 'rules', 'alerts.test.yaml']);
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });
  it("the issue's five alerts are there", () => {
    assert.deepEqual(metricNames(ruleExprs), [
      'tanlian_audit_fsck_ok',
      'tanlian_audit_unsealed_age_seconds',
      'tanlian_clearing_overdue_cycle_age_seconds',
      'tanlian_credit_lag_seconds',
      'tanlian_secrets_unreadable',
    ]);
  });
});

describe('/metrics of the built api', () => {
  const db = serviceDatabase('deploy_metrics', PORT);
  const env = { ...process.env, ...db.env };
  const service = join(repo, 'clearing-service');
  let api;
  let text;

  before(async () => {
    execFileSync('node', ['dist/cli/main.js', 'db:migrate'], { cwd: service, env, stdio: 'pipe' });
    // A program, so the per-program gauges have series.
    execFileSync(
      'node',
      ['dist/cli/main.js', 'program:create', '--code', 'metrics', '--name', 'Metrics'],
      {
        cwd: service,
        env,
        stdio: 'pipe',
      },
    );
    api = spawn('node', ['dist/main.api.js'], {
      cwd: service,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    api.stderr.on('data', (d) => (out += d));
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (api.exitCode !== null) throw new Error(`the api exited ${api.exitCode}: ${out}`);
      const res = await fetch(`http://127.0.0.1:${PORT}/metrics`).catch(() => null);
      if (res?.status === 200) {
        text = await res.text();
        break;
      }
      if (Date.now() > deadline) throw new Error(`the api did not answer on ${PORT}: ${out}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  });
  after(() => {
    api?.kill('SIGTERM');
    db.drop();
  });

  it('promtool check metrics accepts it', () => {
    const r = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    // Lint hints (e.g. a counter's unit) are not failures; a parse error is.
    assert.doesNotMatch(
      r.stdout + r.stderr,
      /error while linting|text format parsing error/,
      r.stderr,
    );
  });

  it('every metric the rules and the dashboard name is served', () => {
    const served = new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]));
    const named = metricNames([...ruleExprs, ...dashboardExprs]);
    assert.ok(named.length >= 10, named.join(', '));
    assert.deepEqual(
      named.filter((n) => !served.has(n)),
      [],
    );
    assert.match(text, /^tanlian_credit_lag_seconds\{program="metrics"\} 0$/m);
    assert.match(text, /^tanlian_clearing_overdue_cycle_age_seconds\{program="metrics"\} 0$/m);
  });
});
