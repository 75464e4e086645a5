// `npm run bench:dashboards` (through ../bench.sh), run from source.
require('../register-ts');
require(require('node:path').join(__dirname, 'main.ts'));
