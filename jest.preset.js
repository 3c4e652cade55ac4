// Shared Jest setup: TypeScript through @swc/jest, with decorator metadata for NestJS.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true, tsx: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
          target: 'es2023',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  // ESM-only dependencies that tests load inside Jest's CommonJS sandbox are compiled too.
  transformIgnorePatterns: ['/node_modules/(?!(@prisma/schema-engine-wasm)/)'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.next/'],
};
