// Runs the TypeScript bench straight from source with swc (the same compiler jest uses, with the
// service's .swcrc), so `npm run bench:ingest` needs no separate build of bench/. The api and worker
// it starts are the compiled dist/ entry points, built beforehand by bench.sh.
const { transformSync } = require('@swc/core');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const swcrc = JSON.parse(readFileSync(join(__dirname, '..', '..', '.swcrc'), 'utf8'));
require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    ...swcrc,
    filename,
    swcrc: false,
    sourceMaps: 'inline',
  });
  module._compile(code, filename);
};
process.setSourceMapsEnabled(true);
const tools = { 'profile-summary': 'profile-summary.ts', 'worker-timing': 'worker-timing.ts' };
require(join(__dirname, tools[process.argv[2]] ?? 'main.ts'));
