module.exports = {
  ...require('../../jest.preset.js'),
  // One fresh migrated database per run: the browser tests start the real API on it.
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 90_000,
  testRegex: '(\\.test|\\.e2e-spec)\\.tsx?$',
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
};
