// The mini-program's own jest (29, with jsdom), kept in this package so the root's jest 30 and
// the service's tests never see it. Taro's components and API are mocked (test/mocks/); the
// weapp smoke, the size budget and the browser e2e run in Node (their files say so).
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/test'],
  testRegex: '\\.test\\.(ts|tsx)$',
  transform: { '^.+\\.[jt]sx?$': 'babel-jest' },
  moduleNameMapper: {
    '^@tarojs/components$': '<rootDir>/test/mocks/components.tsx',
    '^@tarojs/taro$': '<rootDir>/test/mocks/taro.ts',
    // The sdk from source, as the other workspaces test it.
    '^@tanlian/sdk/audit$': '<rootDir>/../sdk/src/audit',
    '\\.css$': '<rootDir>/test/mocks/style.ts',
  },
  globals: {
    BUILD_TARGET: 'h5',
    PINNED_LOG_KEYS: { origin: '', keys: [] },
  },
  setupFilesAfterEnv: ['<rootDir>/test/mocks/setup.ts'],
  testTimeout: 30000,
};
