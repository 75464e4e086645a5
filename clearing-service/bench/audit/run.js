// `npm run bench:audit` (through ../bench.sh): the TypeScript bench, run from source.
require('../register-ts');
require('./main.ts');
