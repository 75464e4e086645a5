// `npm run bench:ingest` (through ../bench.sh), or one of its tools by name, run from source.
require('../register-ts');
const { join } = require('node:path');

const tools = {
  'profile-summary': 'profile-summary.ts',
  'worker-timing': 'worker-timing.ts',
  'connection-states': 'connection-states.ts',
};
require(join(__dirname, tools[process.argv[2]] ?? 'main.ts'));
