// The Helm chart: lint, render, strict schema validation, the golden output and the contracts the
// service relies on. Update the golden files after a reviewed change: UPDATE_GOLDEN=1 npm run deploy:test
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CHART, VARIANTS, helm, objectsOf, render } from './lib/chart.mjs';
import { strictProblems } from './lib/kube-strict.mjs';
import { serviceEnv } from './lib/service-env.mjs';

const rendered = Object.fromEntries(VARIANTS.map((v) => [v, render(v)]));
const objects = Object.fromEntries(VARIANTS.map((v) => [v, objectsOf(rendered[v])]));
const pods = (objs) =>
  objs.flatMap((o) =>
    ['Deployment', 'Job'].includes(o.kind)
      ? [{ owner: `${o.kind}/${o.metadata.name}`, spec: o.spec.template.spec }]
      : [],
  );
const containers = (objs) =>
  pods(objs).flatMap(({ owner, spec }) =>
    [...(spec.initContainers ?? []), ...spec.containers].map((c) => ({ owner, c, pod: spec })),
  );

describe('the chart', () => {
  it('has the ci variants default, ha and single', () => {
    assert.deepEqual([...VARIANTS].sort(), ['default', 'ha', 'single']);
  });

  for (const variant of VARIANTS) {
    it(`${variant}: helm lint --strict passes`, () => {
      const r = helm([
        'lint',
        '--strict',
        CHART,
        '-f',
        join(CHART, 'ci', `${variant}-values.yaml`),
      ]);
      assert.equal(r.status, 0, r.stdout + r.stderr);
    });

    it(`${variant}: matches its golden rendering (UPDATE_GOLDEN=1 to accept a change)`, () => {
      const file = join(CHART, 'golden', `${variant}.yaml`);
      if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, rendered[variant]);
      assert.equal(
        rendered[variant],
        readFileSync(file, 'utf8'),
        `${file} differs from helm template`,
      );
    });
  }

  it('every rendered object of every variant passes the Kubernetes schemas, unknown fields refused', () => {
    const all = VARIANTS.flatMap((v) => objects[v]);
    assert.deepEqual(strictProblems(all, 'chart'), []);
  });

  it('the strict check catches an unknown field deep in a pod, a wrong type and a missing field', () => {
    const deployment = structuredClone(objects.default.find((o) => o.kind === 'Deployment'));
    deployment.spec.template.spec.containers[0].readinessProbe.httpGet.pathh = '/x';
    const service = structuredClone(objects.default.find((o) => o.kind === 'Service'));
    service.spec.ports[0].port = '80';
    const job = structuredClone(objects.default.find((o) => o.kind === 'Job'));
    delete job.spec.template.spec.containers[0].name;
    const problems = strictProblems([deployment, service, job], 'chart-bad');
    assert.equal(problems.length, 3, problems.join('\n'));
    assert.match(problems.join('\n'), /pathh/);
    assert.match(problems.join('\n'), /Service\/tl-tanlian-api/);
    assert.match(problems.join('\n'), /Job\/tl-tanlian-migrate.*name/s);
  });

  for (const variant of VARIANTS) {
    describe(`${variant}: contracts`, () => {
      const objs = objects[variant];
      const values = readFileSync(join(CHART, 'ci', `${variant}-values.yaml`), 'utf8');

      it('api, worker and migrate run one image, each with its entry command', () => {
        const byComponent = Object.fromEntries(
          containers(objs).map(({ c, owner }) => [owner.split('-').at(-1), c]),
        );
        assert.deepEqual(Object.keys(byComponent).sort(), ['api', 'migrate', 'worker']);
        assert.equal(new Set(Object.values(byComponent).map((c) => c.image)).size, 1);
        for (const [component, c] of Object.entries(byComponent))
          assert.deepEqual(c.args, [component]);
      });

      it('every secretKeyRef and secret volume names a Secret the chart renders or the values name as existing', () => {
        const rendered = new Map(
          objs
            .filter((o) => o.kind === 'Secret')
            .map((o) => [o.metadata.name, Object.keys(o.stringData ?? o.data ?? {})]),
        );
        for (const { owner, c, pod } of containers(objs)) {
          for (const e of c.env ?? []) {
            const ref = e.valueFrom?.secretKeyRef;
            if (!ref) continue;
            if (rendered.has(ref.name)) {
              assert.ok(
                rendered.get(ref.name).includes(ref.key),
                `${owner} ${e.name}: ${ref.name} has no key ${ref.key}`,
              );
            } else {
              assert.match(
                values,
                new RegExp(`existingSecret: ${ref.name}\\b`),
                `${owner} ${e.name}: Secret ${ref.name} is neither rendered nor an existingSecret`,
              );
            }
          }
          for (const v of pod.volumes ?? []) {
            if (v.secret && !rendered.has(v.secret.secretName)) {
              assert.match(
                values,
                new RegExp(`existingSecret: ${v.secret.secretName}\\b`),
                `${owner} volume ${v.name}`,
              );
            }
          }
        }
      });

      it('every variable set is one the service reads, and every one it requires is set', () => {
        const env = serviceEnv();
        for (const { owner, c } of containers(objs)) {
          const names = (c.env ?? []).map((e) => e.name);
          for (const n of names)
            assert.ok(env.all.includes(n), `${owner} sets ${n}, which the service does not read`);
          for (const n of env.required) assert.ok(names.includes(n), `${owner} lacks ${n}`);
          if (names.includes('AUDIT_SIGNING_KEYS_FILE')) {
            const path = c.env.find((e) => e.name === 'AUDIT_SIGNING_KEYS_FILE').value;
            assert.ok(
              c.volumeMounts.some((m) => path.startsWith(`${m.mountPath}/`)),
              `${owner}: ${path} is not mounted`,
            );
          }
        }
      });

      it('the api probes /health/live (startup, liveness) and /health/ready (readiness) on its port, and listens on 0.0.0.0', () => {
        const api = containers(objs).find(({ owner }) => owner.endsWith('-api')).c;
        assert.equal(api.startupProbe.httpGet.path, '/health/live');
        assert.equal(api.livenessProbe.httpGet.path, '/health/live');
        assert.equal(api.readinessProbe.httpGet.path, '/health/ready');
        for (const p of [api.startupProbe, api.livenessProbe, api.readinessProbe]) {
          assert.ok(api.ports.some((port) => port.name === p.httpGet.port));
        }
        const env = Object.fromEntries(api.env.map((e) => [e.name, e.value]));
        assert.equal(env.HTTP_HOST, '0.0.0.0');
        assert.equal(Number(env.HTTP_PORT), api.ports[0].containerPort);
      });

      it('pods run as non-root with no privilege escalation, images are pinned, resources are set', () => {
        for (const { owner, c, pod } of containers(objs)) {
          assert.equal(pod.securityContext.runAsNonRoot, true, owner);
          assert.ok(pod.securityContext.runAsUser > 0, owner);
          assert.equal(c.securityContext.allowPrivilegeEscalation, false, owner);
          assert.doesNotMatch(c.image, /:latest$|^[^:@]+$/, `${owner}: ${c.image}`);
          for (const k of ['requests', 'limits'])
            for (const r of ['cpu', 'memory'])
              assert.ok(c.resources?.[k]?.[r], `${owner}: resources.${k}.${r}`);
        }
      });

      it('a PDB exactly for each workload with more than one replica, selecting its pods', () => {
        const hpa = objs.find((o) => o.kind === 'HorizontalPodAutoscaler');
        for (const d of objs.filter((o) => o.kind === 'Deployment')) {
          const replicas = d.spec.replicas ?? hpa?.spec.minReplicas;
          const pdb = objs.find(
            (o) => o.kind === 'PodDisruptionBudget' && o.metadata.name === d.metadata.name,
          );
          assert.equal(Boolean(pdb), replicas > 1, `${d.metadata.name}: ${replicas} replicas`);
          if (pdb) assert.deepEqual(pdb.spec.selector.matchLabels, d.spec.selector.matchLabels);
        }
      });

      it('the migration Job is a pre-install/pre-upgrade hook after the Secret and the ServiceAccount it uses (when hooks are on)', () => {
        const job = objs.find((o) => o.kind === 'Job');
        const hooks = !/useHelmHooks: false/.test(values);
        assert.equal(
          job.metadata.annotations?.['helm.sh/hook'] === 'pre-install,pre-upgrade',
          hooks,
        );
        if (!hooks) return;
        const weight = (o) => Number(o.metadata.annotations['helm.sh/hook-weight']);
        for (const kind of ['Secret', 'ServiceAccount']) {
          const dep = objs.find((o) => o.kind === kind);
          if (dep) assert.ok(weight(dep) < weight(job), `${kind} must come before the Job`);
        }
      });

      it('the ServiceMonitor scrapes /metrics on a port the api Service has', () => {
        const sm = objs.find((o) => o.kind === 'ServiceMonitor');
        if (!sm) return assert.doesNotMatch(values, /serviceMonitor:\s+enabled: true/);
        const svc = objs.find((o) => o.kind === 'Service');
        assert.deepEqual(sm.spec.selector.matchLabels, svc.spec.selector);
        assert.ok(svc.spec.ports.some((p) => p.name === sm.spec.endpoints[0].port));
        assert.equal(sm.spec.endpoints[0].path, '/metrics');
      });
    });
  }

  it('the PrometheusRule carries the alert file as is, and the dashboard ConfigMap the dashboard JSON', () => {
    const rule = objects.ha.find((o) => o.kind === 'PrometheusRule');
    const file = objectsOf(readFileSync(join(CHART, 'rules', 'alerts.yaml'), 'utf8'))[0];
    assert.deepEqual(rule.spec, file);
    const dashboards = objects.ha.find(
      (o) => o.kind === 'ConfigMap' && o.metadata.name.endsWith('-dashboards'),
    );
    assert.deepEqual(
      JSON.parse(dashboards.data['tanlian.json']),
      JSON.parse(readFileSync(join(CHART, 'dashboards', 'tanlian.json'), 'utf8')),
    );
  });

  it('Redis Cluster is refused, naming why, until the service supports it', () => {
    assert.throws(
      () => render('default', ['--set', 'redis.cluster.enabled=true']),
      /does not support Redis Cluster yet/,
    );
  });
});

describe('values.schema.json refuses bad values before anything is installed', () => {
  const cases = [
    [['--set', 'image.tag=latest'], /image\.tag|tag/],
    [['--set', 'api.replicas=0'], /replicas/],
    [['--set', 'podSecurityContext.runAsNonRoot=false'], /runAsNonRoot/],
    [['--set', 'api.resources.limits=null'], /limits is required/],
    [['--set', 'worker.creditingLanes=9'], /creditingLanes/],
    [['--set', 'config.logLevel=verbose'], /logLevel/],
    [['--set', 'secrets.databaseUrl=postgres://x/y'], /databaseUrl/],
    [['--set', 'api.replica=3'], /replica/],
  ];
  for (const [args, message] of cases) {
    it(`${args[1]} is refused by helm lint`, () => {
      const r = helm([
        'lint',
        '--strict',
        CHART,
        '-f',
        join(CHART, 'ci', 'default-values.yaml'),
        ...args,
      ]);
      assert.notEqual(r.status, 0, `accepted ${args[1]}`);
      assert.match(r.stdout + r.stderr, message);
    });
  }
});
