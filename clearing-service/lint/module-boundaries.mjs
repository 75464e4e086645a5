// ESLint rule `tanlian/module-boundaries`: a file of clearing-service/src imports another module
// only as lint/modules.cjs allows (layers, public files, declared dependencies), so that a reach
// into another module's internals or an import that would close a cycle fails lint. Existing
// exceptions are listed, one `from -> to` each, in the rule's `allow` option (eslint.config.mjs).
import { createRequire } from 'node:module';
import { posix } from 'node:path';

const modules = createRequire(import.meta.url)('./modules.cjs');

// The declared dependencies must be acyclic, or the rule would let a cycle in.
(function checkAcyclic() {
  const state = new Map(); // module -> 'visiting' | 'done'
  const visit = (m, path) => {
    if (state.get(m) === 'done') return;
    if (state.get(m) === 'visiting')
      throw new Error(`lint/modules.cjs: dependsOn has a cycle: ${[...path, m].join(' -> ')}`);
    state.set(m, 'visiting');
    for (const d of modules.dependsOn[m] ?? []) visit(d, [...path, m]);
    state.set(m, 'done');
  };
  for (const m of Object.keys(modules.dependsOn)) visit(m, []);
})();

const SRC = 'clearing-service/src/';
const writing = new Map(
  Object.entries(modules.writingFiles).flatMap(([m, files]) =>
    files.map((f) => [f, `${m}:writing`]),
  ),
);

/** Layer and module of a src-relative file. */
function moduleOf(file) {
  const folder = file.split('/')[0];
  if (modules.composition.includes(file)) return { layer: 'composition', module: file };
  if (!file.includes('/') || modules.entry.includes(folder))
    return { layer: 'entry', module: file };
  if (modules.kernel.includes(folder)) return { layer: 'kernel', module: folder };
  if (modules.perFile.includes(folder))
    return { layer: 'domain', module: file.replace(/\.ts$/, ''), folder: file };
  if (modules.domain.includes(folder))
    return { layer: 'domain', module: writing.get(file) ?? folder, folder };
  return null;
}

function isPublic(file) {
  const folder = file.split('/')[0];
  if (modules.perFile.includes(folder)) return true;
  if (modules.publicFile.test(file) || writing.has(file)) return true;
  return (modules.publicFiles[folder] ?? []).some((p) =>
    p.endsWith('/') ? file.startsWith(p) : file === p,
  );
}

/** Why `from` may not import `to` (both src-relative), or null. */
function offence(from, to) {
  const a = moduleOf(from);
  const b = moduleOf(to);
  if (!a || !b) return `src/${(a ? to : from).split('/')[0]}/ is not in lint/modules.cjs`;
  if (b.layer === 'entry')
    return a.layer === 'entry' ? null : 'only entry points import an entry point';
  if (a.layer === 'entry' || a.layer === 'composition' || b.layer !== 'domain') return null;
  if (a.layer === 'kernel') return 'the kernel imports no domain module';
  if (a.folder === b.folder) return null;
  if (!(modules.dependsOn[a.module] ?? []).includes(b.module))
    return `${a.module} may not import ${b.module} (lint/modules.cjs dependsOn)`;
  if (!isPublic(to)) return `${to} is internal to ${b.folder}; import its module, store or writer`;
  return null;
}

export const moduleBoundaries = {
  meta: {
    type: 'problem',
    schema: [
      {
        type: 'object',
        properties: { allow: { type: 'array', items: { type: 'string' } } },
        additionalProperties: false,
      },
    ],
    messages: {
      offence: '{{to}}: {{why}}',
      stale:
        'allow-list entry "{{entry}}" no longer occurs: remove it from clearing-service/lint/allowed-imports.mjs',
    },
  },
  create(context) {
    const file = context.filename.split('\\').join('/');
    const at = file.lastIndexOf(SRC);
    if (at < 0) return {};
    const from = file.slice(at + SRC.length);
    const allowed = new Set(
      (context.options[0]?.allow ?? []).filter((e) => e.startsWith(`${from} -> `)),
    );
    const seen = new Set();
    const check = (node) => {
      const spec = node?.type === 'Literal' ? node.value : null;
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const to = posix.normalize(posix.join(posix.dirname(from), spec)).replace(/(\.ts)?$/, '.ts');
      if (to.startsWith('..')) return;
      const why = offence(from, to);
      if (!why) return;
      const entry = `${from} -> ${to}`;
      if (allowed.has(entry)) seen.add(entry);
      else context.report({ node, messageId: 'offence', data: { to: spec, why } });
    };
    return {
      ImportDeclaration: (n) => check(n.source),
      ExportNamedDeclaration: (n) => check(n.source),
      ExportAllDeclaration: (n) => check(n.source),
      ImportExpression: (n) => check(n.source),
      'Program:exit': (program) => {
        for (const entry of allowed)
          if (!seen.has(entry))
            context.report({ node: program, messageId: 'stale', data: { entry } });
      },
    };
  },
};
