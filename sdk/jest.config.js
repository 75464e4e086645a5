/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  // The CLI tests start node processes: on a busy 2-core machine one can take longer than jest's
  // default 5 s; their own child timeout (20 s) says when one is really stuck.
  testTimeout: 30_000,
};
