// The Kubernetes (and prometheus-operator) types generated from their OpenAPI schemas, from the
// kubernetes-models packages, fetched with `npm pack` into deploy/.cache/types/node_modules (not
// workspace dependencies: they declare Node >= 22, and only their .d.ts files are used).
import { join } from 'node:path';
import { CACHE, unpacked } from './npm-tarball.mjs';

const PACKAGES = {
  'kubernetes-models@5.1.0':
    'sha512-ym4Kiyr8BzGIWj4f853ytVYES1B8C1BdONRP5zodItPD1o//OEKuTwC5nFV3ZJtFGeMqOFbIYkpunSVXSlHS8g==',
  '@kubernetes-models/base@6.0.1':
    'sha512-pXKCFeSoL6RsMxoPDwaJ5JtijVjeuNCacgtYS9dImF7qFdzdc9lcQbem6y6Ug7/K6/bFOWdTu3qIX88IK81o0A==',
  '@kubernetes-models/apimachinery@3.0.2':
    'sha512-6Vbzr/tinxPBGGdfYjXiV9WPj8PEhyiqGJiWhXrsihK7h6glPj4HKUxZ0YwYXH/5uucm/NVef/xY3vZ4Crj1Fg==',
  '@kubernetes-models/validate@5.0.2':
    'sha512-EzfxB8mu2VPlFYSwsMlZdgTeeqJGI2R58irUrZJWHxJqOqOhnau/oS9KNCZKXjdC2vFubU6v81m2CrIoU+/pxQ==',
  '@kubernetes-models/prometheus-operator@6.0.0':
    'sha512-ySNW4T6U6Vn86bmcJ/emmAYJ/UrzpNvzxWexWJSALwgiO4FqCgL6WoqFsOReSiMhw/LlF+MljQvoiwD3RnaGmg==',
};

/** A node_modules directory holding the type packages. */
export function kubeTypesRoot() {
  const root = join(CACHE, 'types', 'node_modules');
  for (const [spec, integrity] of Object.entries(PACKAGES)) {
    const name = spec.slice(0, spec.lastIndexOf('@'));
    unpacked(spec, integrity, join(root, name));
  }
  return root;
}
