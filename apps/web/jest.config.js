module.exports = {
  ...require('../../jest.preset.js'),
  testTimeout: 90_000,
  testRegex: '(\\.test|\\.e2e-spec)\\.tsx?$',
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
};
