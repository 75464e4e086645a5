// Runs the Dockerfile's steps without Docker (there is no engine on this machine): each stage is a
// directory of a scratch copy, COPY copies from the repository's files (as git sees them, minus
// .dockerignore) or from an earlier stage, RUN runs in WORKDIR as a non-root user (`nobody`), and
// then the image's entry runs as that user over root-owned files, as in the image: `migrate` on a
// database of its own, the `api` until /health/ready answers 200, the `worker` until it runs.
// Usage: node deploy/docker/run-dockerfile.mjs   (needs MariaDB and Redis: deploy/local/services.sh)
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDockerfile, stageEnv } from './dockerfile.mjs';
import { serviceDatabase } from './service-database.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const USER = 'nobody';
const PORT = Number(process.env.DOCKERFILE_RUN_PORT ?? 3800);
const log = (m) => process.stdout.write(`[dockerfile] ${m}\n`);
const uid = Number(execFileSync('id', ['-u', USER], { encoding: 'utf8' }));
const gid = Number(execFileSync('id', ['-g', USER], { encoding: 'utf8' }));

/** The build context: files git knows (tracked and new), minus .dockerignore's patterns. */
function contextFiles() {
  const ignore = readFileSync(join(repo, '.dockerignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const ignored = (file) =>
    ignore.some((p) =>
      p.startsWith('**/')
        ? file.split('/').includes(p.slice(3))
        : file === p || file.startsWith(`${p}/`),
    );
  return execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: repo,
    encoding: 'utf8',
  })
    .split('\0')
    .filter((f) => f && !ignored(f));
}

function chownTree(path, owner, group) {
  execFileSync('chown', ['-R', `${owner}:${group}`, path]);
}

function copyInto(stageRoot, workdir, instruction, files, stages) {
  const [dest, ...srcsRev] = [...instruction.args].reverse();
  const srcs = srcsRev.reverse();
  const to = join(stageRoot, posix.isAbsolute(dest) ? dest : posix.join(workdir, dest));
  for (const src of srcs) {
    if (instruction.flags.from) {
      const from = stages.get(instruction.flags.from);
      if (!from) throw new Error(`COPY --from=${instruction.flags.from}: no such stage`);
      // Into an existing directory, the source's content (Docker's COPY of a directory).
      mkdirSync(to, { recursive: true });
      execFileSync('cp', ['-a', `${join(from, src)}/.`, to]);
      continue;
    }
    const prefix = src.replace(/\/$/, '');
    const matched = files.filter((f) => f === prefix || f.startsWith(`${prefix}/`));
    if (matched.length === 0) throw new Error(`COPY ${src}: not in the build context`);
    for (const f of matched) {
      // `COPY a b ./` puts files in the directory; `COPY dir/ dir/` copies the directory's content.
      const rel = f === prefix ? posix.basename(f) : f.slice(prefix.length + 1);
      const target = dest.endsWith('/') || srcs.length > 1 || f !== prefix ? join(to, rel) : to;
      mkdirSync(dirname(target), { recursive: true });
      cpSync(join(repo, f), target);
    }
  }
}

function runAs(cwd, env, command) {
  execFileSync(
    'runuser',
    [
      '-u',
      USER,
      '--',
      'env',
      '-i',
      ...Object.entries(env).map(([k, v]) => `${k}=${v}`),
      'sh',
      '-ec',
      command,
    ],
    {
      cwd,
      stdio: 'inherit',
    },
  );
}

async function main() {
  const started = Date.now();
  const dockerfile = parseDockerfile(readFileSync(join(repo, 'Dockerfile'), 'utf8'));
  const scratch = mkdtempSync(join(tmpdir(), 'tanlian-dockerfile-'));
  chownSync(scratch, 0, 0);
  execFileSync('chmod', ['755', scratch]);
  const home = join(scratch, 'home');
  mkdirSync(home);
  chownSync(home, uid, gid);
  const files = contextFiles();
  const stages = new Map();
  let runtime;
  try {
    for (const stage of dockerfile.stages) {
      const root = join(scratch, 'stages', stage.name);
      mkdirSync(root, { recursive: true });
      let workdir = '/';
      const env = {
        PATH: process.env.PATH,
        HOME: home,
        npm_config_cache: join(home, '.npm'),
        // Offline first where the cache has the tarball (not a Dockerfile step: the registry's copy).
        npm_config_prefer_offline: 'true',
      };
      log(`stage ${stage.name} (FROM ${stage.from})`);
      for (const i of stage.instructions) {
        if (i.op === 'WORKDIR') {
          workdir = posix.resolve(workdir, i.args[0]);
          mkdirSync(join(root, workdir), { recursive: true });
        } else if (i.op === 'COPY') {
          copyInto(root, workdir, i, files, stages);
        } else if (i.op === 'ENV') {
          Object.assign(env, stageEnv({ instructions: [i] }));
        } else if (i.op === 'RUN') {
          // The build writes where Docker's root would; here it is the non-root user.
          chownTree(root, uid, gid);
          log(`RUN ${i.raw}`);
          const t = Date.now();
          runAs(join(root, workdir), env, i.raw);
          log(`  ${((Date.now() - t) / 1000).toFixed(1)} s`);
        } else if (!['USER', 'EXPOSE', 'ENTRYPOINT', 'CMD', 'ARG', 'LABEL'].includes(i.op)) {
          throw new Error(
            `${i.op}: not supported by this runner (add it or keep the Dockerfile plain)`,
          );
        }
      }
      stages.set(stage.name, root);
      runtime = { stage, root, workdir, env };
    }
    // The image as it runs: root-owned files, a non-root user, the entry from ENTRYPOINT.
    chownTree(runtime.root, 0, 0);
    const entry = runtime.stage.instructions.find((i) => i.op === 'ENTRYPOINT').args;
    const db = serviceDatabase('dockerfile', PORT);
    const env = { ...runtime.env, ...db.env };
    const cwd = join(runtime.root, runtime.workdir);
    try {
      log('run: migrate');
      runAs(cwd, env, [...entry, 'migrate'].join(' '));
      const api = await startUntil(cwd, env, entry, 'api', () => ready(PORT));
      const worker = await startUntil(cwd, env, entry, 'worker', (out) =>
        out.includes('tanlian worker running'),
      );
      for (const [name, p] of [
        ['worker', worker],
        ['api', api],
      ]) {
        // Nest closes the app (jobs in flight finish) and then re-raises SIGTERM: either ending is clean.
        const { code, signal } = await stop(p);
        if (code !== 0 && signal !== 'SIGTERM') {
          throw new Error(`${name} ended with ${code ?? signal} on SIGTERM`);
        }
        log(`${name} stopped cleanly on SIGTERM`);
      }
    } finally {
      db.drop();
    }
    log(`pass: built and ran as ${USER} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function ready(port) {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/health/ready`);
    return res.status === 200;
  } catch {
    return false;
  }
}

function startUntil(cwd, env, entry, command, done, timeoutMs = 90_000) {
  log(`run: ${command}`);
  // Spawned as the user directly (not through runuser, which does not pass SIGTERM on), so the
  // signal reaches node as it would in a container (the entry script execs it).
  const child = spawn(entry[0], [command], {
    cwd,
    env,
    uid,
    gid,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + timeoutMs;
    const poll = async () => {
      if (child.exitCode !== null)
        return reject(new Error(`${command} exited ${child.exitCode}:\n${out}`));
      if (await done(out)) return resolve(child);
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        return reject(new Error(`${command} not up within ${timeoutMs} ms:\n${out}`));
      }
      setTimeout(poll, 250);
    };
    void poll();
  });
}

function stop(child) {
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
    child.kill('SIGTERM');
  });
}

main().catch((err) => {
  process.stderr.write(`[dockerfile] FAIL: ${err.message}\n`);
  process.exit(1);
});
