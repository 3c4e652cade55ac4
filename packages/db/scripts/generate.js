// Generates the Prisma client without network access.
// The Prisma CLI wants a schema-engine binary at start-up and tries to download one, which
// fails offline. Generation itself needs no engine, so we point the CLI at any existing
// file (TOOLCHAIN.md) and turn off its update check.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const cli = require.resolve('prisma/build/index.js');
execFileSync(process.execPath, [cli, 'generate', '--schema', path.join(__dirname, '../prisma/schema.prisma')], {
  stdio: 'inherit',
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
  },
});
