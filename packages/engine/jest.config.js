module.exports = {
  ...require('../../jest.preset.js'),
  // One fresh migrated database per run, named in DATABASE_URL for the test workers.
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 30_000,
};
