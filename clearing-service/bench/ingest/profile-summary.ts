// `node bench/ingest/run.js profile-summary <file.cpuprofile> [top]`: where a child's CPU went
// during a profiled bench phase — self time by function, by package/folder, and the inclusive
// time of the service's own functions.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const file = process.argv[3];
const top = Number(process.argv[4] ?? 25);
if (!file) {
  process.stderr.write('usage: node bench/ingest/run.js profile-summary <file.cpuprofile> [top]\n');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const place = (url: string): string => {
  if (!url) return '(native/V8)';
  const m = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (m) return m[1];
  const own = url.match(/(clearing-service\/(?:dist|src)\/[^/]+)/);
  if (own) return own[1].replace(/\/(dist|src)\//, '/');
  const sdk = url.match(/(sdk\/dist\/[^/]+)/);
  if (sdk) return sdk[1];
  if (url.startsWith('node:')) return url.split('/')[0];
  return url
    .replace(/^file:\/\//, '')
    .split('/')
    .slice(-2)
    .join('/');
};
const label = (n: ProfileNode) =>
  `${n.callFrame.functionName || '(anonymous)'} ${place(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;

const self = new Map<string, number>();
const selfByPlace = new Map<string, number>();
const inclusive = new Map<string, number>();
let total = 0;
let idle = 0;
profile.samples.forEach((id, i) => {
  const dt = (profile.timeDeltas[i] ?? 0) / 1000;
  const node = byId.get(id)!;
  total += dt;
  const name = node.callFrame.functionName;
  if (name === '(idle)' || name === '(program)' || name === '(garbage collector)') {
    self.set(name, (self.get(name) ?? 0) + dt);
    if (name === '(idle)') idle += dt;
    return;
  }
  self.set(label(node), (self.get(label(node)) ?? 0) + dt);
  selfByPlace.set(
    place(node.callFrame.url),
    (selfByPlace.get(place(node.callFrame.url)) ?? 0) + dt,
  );
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const n = byId.get(cur)!;
    if (!/clearing-service\/(dist|src)\/|sdk\/dist\//.test(n.callFrame.url)) continue;
    const key = label(n);
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + dt);
  }
});

const busy = total - idle;
const pct = (ms: number) => `${((100 * ms) / busy).toFixed(1).padStart(5)} %`;
const ms = (v: number) => `${v.toFixed(0).padStart(7)} ms`;
const print = (title: string, m: Map<string, number>, n: number) => {
  process.stdout.write(`\n${title}\n`);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, n))
    process.stdout.write(`${ms(v)} ${pct(v)}  ${k}\n`);
};
process.stdout.write(
  `${file}\n${(total / 1000).toFixed(1)} s profiled, ${(busy / 1000).toFixed(1)} s on CPU (${((100 * busy) / total).toFixed(0)} %), idle ${(idle / 1000).toFixed(1)} s; percentages are of CPU time\n`,
);
print('self time by package / folder', selfByPlace, top);
print('self time by function', self, top);
print('inclusive time of the service and sdk functions', inclusive, top);
