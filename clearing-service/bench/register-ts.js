// Lets the benches run their TypeScript straight from source with swc (the same compiler jest
// uses, with the service's .swcrc), so they need no build of their own. What they start (api,
// worker) are the compiled dist/ entry points, built beforehand by bench.sh.
const { transformSync } = require('@swc/core');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const swcrc = JSON.parse(readFileSync(join(__dirname, '..', '.swcrc'), 'utf8'));
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
