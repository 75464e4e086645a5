import {
  crossModuleImports,
  domainCycles,
  Import,
  layerViolations,
  moduleOf,
  MODULES,
  SRC,
  writingSides,
} from './module-graph';

const imports = crossModuleImports(SRC);
const line = (i: Import) => `src/${i.from} imports '${i.specifier}'`;

describe('module import graph of src/', () => {
  it('sees the imports between modules, and audit writing side', () => {
    expect(imports.length).toBeGreaterThan(100);
    // The writing side's public files (lint/modules.cjs) are on the side the graph computes.
    for (const [module, files] of Object.entries(MODULES.writingFiles))
      for (const file of files)
        expect([file, writingSides.get(file)]).toEqual([file, `${module}:writing`]);
  });

  it('has no cycle between domain modules', () => {
    const report = domainCycles(imports).map((cycle) => {
      const inside = imports.filter(
        (i) => cycle.includes(moduleOf(i.from).module) && cycle.includes(moduleOf(i.to).module),
      );
      return `cycle ${cycle.join(' ↔ ')}:\n  ${inside.map(line).join('\n  ')}`;
    });
    expect(report).toEqual([]);
  });

  it('has the kernel import no domain module, and nothing import an entry point', () => {
    expect(layerViolations(imports).map(line)).toEqual([]);
  });
});
