// `npm run bench:account-page` (through ../bench.sh): the TypeScript bench, run from source.
require('../register-ts');
require('./main.ts');
