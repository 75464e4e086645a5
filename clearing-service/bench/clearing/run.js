// `npm run bench:clearing` (through ../bench.sh): the TypeScript bench, run from source.
require('../register-ts');
require(process.argv[2] === '--clear-child' ? './clear-child.ts' : './main.ts');
