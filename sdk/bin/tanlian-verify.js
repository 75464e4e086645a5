#!/usr/bin/env node
// The `tanlian-verify` command (src/verifier/cli.ts, built to dist/). A file of its own, in git,
// so npm links the command at install time, before the sdk is built.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const cli = join(__dirname, '..', 'dist', 'verifier', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write('tanlian-verify: the sdk is not built yet; run `npm run build` first\n');
  process.exit(2);
}
require(cli);
