// The Dockerfile and the compose file, checked statically (there is no Docker engine here; the
// Dockerfile's steps also run for real in deploy/docker/run-dockerfile.mjs).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { parseDockerfile, stageEnv } from '../docker/dockerfile.mjs';
import { serviceEnv } from './lib/service-env.mjs';

const repo = join(fileURLToPath(import.meta.url), '..', '..', '..');

describe('Dockerfile', () => {
  const { args, stages } = parseDockerfile(readFileSync(join(repo, 'Dockerfile'), 'utf8'));
  const last = stages.at(-1);
  const ops = (stage, op) => stage.instructions.filter((i) => i.op === op);

  it('is multi-stage on a pinned Node 20 image, never latest', () => {
    assert.ok(stages.length >= 2, 'a build stage and a runtime stage');
    for (const s of stages) {
      assert.match(s.from, /^node:20\.\d+\.\d+-[a-z]+(-slim)?$/, `${s.name}: FROM ${s.from}`);
      assert.doesNotMatch(s.from, /:latest$/);
    }
    assert.ok(args.NODE_IMAGE, 'the base image is one ARG, so both stages move together');
  });

  it('the runtime stage runs as a numeric non-root user and copies only from the build stage', () => {
    const users = ops(last, 'USER');
    assert.equal(users.length, 1);
    const [uid] = users[0].args[0].split(':');
    assert.match(uid, /^[1-9][0-9]*$/, 'numeric, so runAsNonRoot can verify it');
    assert.ok(ops(last, 'COPY').every((c) => c.flags.from === stages[0].name));
    assert.equal(ops(last, 'RUN').length, 0, 'nothing is built in the runtime stage');
  });

  it('one image for every process: the entry picks api, worker or migrate, api by default', () => {
    const [entry] = ops(last, 'ENTRYPOINT');
    assert.deepEqual(entry.args, ['deploy/docker/entrypoint.sh']);
    assert.deepEqual(ops(last, 'CMD')[0].args, ['api']);
    const script = readFileSync(join(repo, 'deploy/docker/entrypoint.sh'), 'utf8');
    for (const cmd of ['api', 'worker', 'migrate'])
      assert.match(script, new RegExp(`^\\s+${cmd}\\)`, 'm'));
    assert.equal(stageEnv(last).HTTP_HOST, '0.0.0.0', 'reachable from outside the container');
  });
});

describe('compose.yaml', () => {
  const file = join(repo, 'deploy/compose/compose.yaml');
  const compose = parse(readFileSync(file, 'utf8'), { merge: true });
  const svc = compose.services;
  const env = serviceEnv();
  const app = ['api', 'worker', 'migrate'];

  it('has api, worker, a one-shot migrate, MariaDB and Redis', () => {
    assert.deepEqual(Object.keys(svc).sort(), ['api', 'mariadb', 'migrate', 'redis', 'worker']);
    assert.equal(svc.migrate.restart, 'no');
    for (const s of app) assert.deepEqual(svc[s].command, [s]);
    assert.equal(new Set(app.map((s) => svc[s].image)).size, 1, 'one image');
  });

  it('Redis never evicts (BullMQ keys), pinned images', () => {
    const cmd = svc.redis.command.join(' ');
    assert.match(cmd, /--maxmemory-policy noeviction/);
    for (const [name, s] of Object.entries(svc))
      assert.doesNotMatch(s.image, /:latest$|^[^:]+$/, name);
  });

  it('healthchecks, and every process waits for what it needs to be healthy or done', () => {
    for (const s of ['mariadb', 'redis', 'api'])
      assert.ok(svc[s].healthcheck?.test, `${s} healthcheck`);
    assert.match(svc.api.healthcheck.test.join(' '), /\/health\/ready/);
    assert.equal(svc.migrate.depends_on.mariadb.condition, 'service_healthy');
    for (const s of ['api', 'worker']) {
      assert.equal(svc[s].depends_on.mariadb.condition, 'service_healthy');
      assert.equal(svc[s].depends_on.redis.condition, 'service_healthy');
      assert.equal(svc[s].depends_on.migrate.condition, 'service_completed_successfully');
    }
  });

  it('secrets come from files, and every variable the service requires is set; none it does not read', () => {
    for (const [name, s] of Object.entries(compose.secrets))
      assert.ok(s.file, `${name} from a file`);
    for (const s of app) {
      const entry = svc[s].entrypoint.join(' ');
      const fromSecrets = [...entry.matchAll(/([A-Z_]+)="\$\$\(cat \/run\/secrets\/(\w+)\)"/g)];
      for (const [, , secret] of fromSecrets)
        assert.ok(svc[s].secrets.includes(secret), `${s}: secret ${secret}`);
      const names = [...Object.keys(svc[s].environment), ...fromSecrets.map((m) => m[1])];
      for (const n of env.required) assert.ok(names.includes(n), `${s} lacks ${n}`);
      for (const n of names)
        assert.ok(env.all.includes(n), `${s} sets ${n}, which the service does not read`);
      assert.match(entry, /exec deploy\/docker\/entrypoint\.sh/);
    }
    assert.equal(svc.api.environment.HTTP_HOST, '0.0.0.0');
    for (const s of ['MARIADB_PASSWORD_FILE', 'MARIADB_ROOT_PASSWORD_FILE'])
      assert.match(svc.mariadb.environment[s], /^\/run\/secrets\//);
  });
});
