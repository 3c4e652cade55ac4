module.exports = {
  ...require('../../jest.preset.js'),
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testRegex: '(\\.test|\\.e2e-spec)\\.ts$',
  testTimeout: 60_000,
};
