const all = require('./jest.config.js');

/**
 * The unit tier: `*.spec.ts` only, no MariaDB and no Redis. A test that needs either belongs in
 * `*.int-spec.ts` (or `*.e2e-spec.ts`); the guard makes a connection to them fail the test.
 */
/** @type {import('jest').Config} */
module.exports = {
  ...all,
  // `.spec.ts`: not `.int-spec.ts` nor `.e2e-spec.ts`.
  testRegex: '\\.spec\\.ts$',
  setupFilesAfterEnv: ['<rootDir>/test/support/unit-tier-guard.ts'],
  testTimeout: 10000,
};
