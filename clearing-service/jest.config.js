/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  // Every tier: unit (*.spec.ts), integration against MariaDB and Redis (*.int-spec.ts) and e2e
  // (*.e2e-spec.ts). jest.unit.config.js runs the first alone.
  testRegex: '\\.(spec|int-spec|e2e-spec)\\.ts$',
  transform: { '^.+\\.(ts|js)$': ['@swc/jest'] },
  // ESM-only dependencies (reached through @fastify/static) are compiled to CommonJS for jest;
  // Node itself loads them with require(esm).
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition)/)'],
  // Tests run against the sdk's source, so a change there needs no build step first.
  moduleNameMapper: { '^@tanlian/sdk$': '<rootDir>/../sdk/src' },
  // Each e2e file creates its own MariaDB database; two workers fit this 2-core machine.
  maxWorkers: 2,
  testTimeout: 60000,
};
