module.exports = {
  ...require('../../jest.preset.js'),
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 60_000,
  // The WebAssembly schema engine leaves a timer of up to 10 s behind after migrating.
  forceExit: true,
};
