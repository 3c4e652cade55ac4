module.exports = {
  ...require('../../jest.preset.js'),
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testRegex: '(\\.test|\\.e2e-spec)\\.ts$',
  testTimeout: 60_000,
  // One database per run, truncated between tests: test files must not run side by side.
  maxWorkers: 1,
};
