import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';

/**
 * The module-level import graph of `src/`. A module is a first folder under `src/`; which folders
 * are the shared kernel, domain modules or entry points, and why: lint/README.md.
 */

interface Modules {
  kernel: string[];
  domain: string[];
  perFile: string[];
  entry: string[];
  composition: string[];
  writingFiles: Record<string, string[]>;
}
// The same lists the lint rule reads.
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const MODULES = require('../../lint/modules.cjs') as Modules;
const { kernel: KERNEL, domain: DOMAIN, entry: ENTRY, composition: COMPOSITION_FILES } = MODULES;

export type Layer = 'entry' | 'composition' | 'kernel' | 'domain';
export interface ModuleOf {
  layer: Layer;
  module: string;
}
export interface Import {
  from: string; // src-relative, posix
  to: string;
  specifier: string;
}

/**
 * A domain's writing side, `<name>-writing.module.ts` and what it imports inside its folder, is a
 * node of its own (`audit:writing`): the modules that write into another's tables in their own
 * transaction (audit leaves) import it, so it must import none of them.
 */
export const writingSides = new Map<string, string>(); // file -> `<module>:writing`

export function moduleOf(file: string): ModuleOf {
  const parts = file.split('/');
  if (COMPOSITION_FILES.includes(file)) return { layer: 'composition', module: file };
  if (parts.length === 1) return { layer: 'entry', module: file };
  const folder = parts[0];
  if (ENTRY.includes(folder)) return { layer: 'entry', module: folder };
  if (KERNEL.includes(folder)) return { layer: 'kernel', module: folder };
  // A read model is a module of its own: one query across the modules it names.
  if (MODULES.perFile.includes(folder))
    return { layer: 'domain', module: file.replace(/\.ts$/, '') };
  if (DOMAIN.includes(folder)) return { layer: 'domain', module: writingSides.get(file) ?? folder };
  throw new Error(
    `src/${folder}/ is neither kernel, domain nor entry: classify it in module-graph.ts`,
  );
}

const SPECIFIER =
  /(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

function allImports(srcDir: string): Import[] {
  const out: Import[] = [];
  for (const path of sourceFiles(srcDir)) {
    const from = relative(srcDir, path).split(sep).join('/');
    for (const m of readFileSync(path, 'utf8').matchAll(SPECIFIER)) {
      const to = posix.normalize(posix.join(posix.dirname(from), m[1]));
      if (to.startsWith('..')) continue; // outside src (none today)
      out.push({ from, to: to.endsWith('.ts') ? to : `${to}.ts`, specifier: m[1] });
    }
  }
  return out;
}

function findWritingSides(imports: Import[]): void {
  writingSides.clear();
  const roots = [...new Set(imports.flatMap((i) => [i.from, i.to]))].filter((f) =>
    /^[^/]+\/[^/]+-writing\.module\.ts$/.test(f),
  );
  for (const root of roots) {
    const folder = root.split('/')[0];
    const side = `${folder}:writing`;
    const todo = [root];
    while (todo.length > 0) {
      const file = todo.pop()!;
      if (writingSides.has(file)) continue;
      writingSides.set(file, side);
      for (const i of imports)
        if (i.from === file && i.to.startsWith(`${folder}/`)) todo.push(i.to);
    }
  }
}

/** Every relative import of `src` that crosses from one module to another. */
export function crossModuleImports(srcDir: string): Import[] {
  const imports = allImports(srcDir);
  findWritingSides(imports);
  return imports.filter((i) => moduleOf(i.from).module !== moduleOf(i.to).module);
}

/** Cycles among the domain modules: each strongly connected component of more than one module. */
export function domainCycles(imports: Import[]): string[][] {
  const edges = new Map<string, Set<string>>();
  const edge = (m: string) => edges.get(m) ?? edges.set(m, new Set()).get(m)!;
  for (const i of imports) {
    const a = moduleOf(i.from);
    const b = moduleOf(i.to);
    if (a.layer !== 'domain' || b.layer !== 'domain') continue;
    edge(a.module).add(b.module);
    edge(b.module);
  }
  // Tarjan's algorithm.
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v)!) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const c: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        c.push(w);
      } while (w !== v);
      if (c.length > 1) components.push(c.sort());
    }
  };
  for (const d of [...edges.keys()].sort()) if (!idx.has(d)) visit(d);
  return components;
}

/** Imports that point the wrong way across layers: into an entry point, or from kernel to domain. */
export function layerViolations(imports: Import[]): Import[] {
  return imports.filter((i) => {
    const a = moduleOf(i.from).layer;
    const b = moduleOf(i.to).layer;
    return (b === 'entry' && a !== 'entry') || (a === 'kernel' && b === 'domain');
  });
}

export const SRC = join(dirname(__filename), '..', '..', 'src');
