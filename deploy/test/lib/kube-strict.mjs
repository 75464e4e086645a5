// Strict validation of rendered Kubernetes objects: each object becomes a typed literal of its
// kind's interface from kubernetes-models (generated from the Kubernetes OpenAPI schemas) and the
// TypeScript compiler checks it. Wrong types and missing required fields fail, and so do unknown
// fields (excess property checks), which kubernetes-models' own validators let through.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { kubeTypesRoot } from '../../tools/kube-types.mjs';

const CORE = 'kubernetes-models';
const PROM = '@kubernetes-models/prometheus-operator';
// apiVersion/kind → the module declaring its interface (I<Kind>). A kind not listed is refused.
const MODULES = {
  'v1/ConfigMap': `${CORE}/v1/ConfigMap`,
  'v1/Secret': `${CORE}/v1/Secret`,
  'v1/Service': `${CORE}/v1/Service`,
  'v1/ServiceAccount': `${CORE}/v1/ServiceAccount`,
  'apps/v1/Deployment': `${CORE}/apps/v1/Deployment`,
  'batch/v1/Job': `${CORE}/batch/v1/Job`,
  'networking.k8s.io/v1/Ingress': `${CORE}/networking.k8s.io/v1/Ingress`,
  'networking.k8s.io/v1/NetworkPolicy': `${CORE}/networking.k8s.io/v1/NetworkPolicy`,
  'autoscaling/v2/HorizontalPodAutoscaler': `${CORE}/autoscaling/v2/HorizontalPodAutoscaler`,
  'policy/v1/PodDisruptionBudget': `${CORE}/policy/v1/PodDisruptionBudget`,
  'monitoring.coreos.com/v1/ServiceMonitor': `${PROM}/monitoring.coreos.com/v1/ServiceMonitor`,
  'monitoring.coreos.com/v1/PrometheusRule': `${PROM}/monitoring.coreos.com/v1/PrometheusRule`,
};

/**
 * Checks every object; returns the problems, each naming the object (kind/name) and the line of
 * its JSON that the compiler refused, empty when every object is valid.
 */
export function strictProblems(objects, label = 'check') {
  const root = kubeTypesRoot();
  const dir = join(root, '..', label);
  mkdirSync(dir, { recursive: true });
  const imports = new Map();
  const problems = [];
  const decls = [];
  const owners = []; // line ranges → object
  let line = 0;
  objects.forEach((o, i) => {
    const key = `${o.apiVersion}/${o.kind}`;
    const module = MODULES[key];
    if (!module) {
      problems.push(
        `${o.kind}/${o.metadata?.name}: no schema for ${key} (add it to kube-strict.mjs)`,
      );
      return;
    }
    const type = `I${o.kind}`;
    const alias = `${type}_${[...imports.keys()].length}`;
    if (!imports.has(module)) imports.set(module, { type, alias });
    const body = `const o${i}: ${imports.get(module).alias} = ${JSON.stringify(o, null, 2)};\n`;
    decls.push({ body, name: `${o.kind}/${o.metadata?.name}` });
  });
  const head = [...imports].map(
    ([m, { type, alias }]) => `import type { ${type} as ${alias} } from '${m}';\n`,
  );
  line = head.length;
  for (const d of decls) {
    const lines = d.body.split('\n').length - 1;
    owners.push({ from: line, to: line + lines, name: d.name });
    line += lines;
  }
  const source = head.join('') + decls.map((d) => d.body).join('') + 'export {};\n';
  const file = join(dir, 'manifests.ts');
  writeFileSync(file, source);
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    types: [],
  });
  const lines = source.split('\n');
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const message = ts.flattenDiagnosticMessageText(d.messageText, ' ');
    if (!d.file || d.file.fileName !== file) {
      problems.push(`the type definitions do not load: ${message}`);
      continue;
    }
    const { line: at } = d.file.getLineAndCharacterOfPosition(d.start ?? 0);
    const owner = owners.find((o) => at >= o.from && at < o.to);
    problems.push(`${owner?.name ?? 'imports'}: ${lines[at].trim()} — ${message}`);
  }
  return problems;
}
