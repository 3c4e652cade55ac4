import { createMigratedTestDatabase, dropScratchDatabase, startTestServer, type TestServer } from './test-database';

/**
 * Jest globalSetup/globalTeardown for packages whose tests need the database: one fresh,
 * migrated database per test run, named in DATABASE_URL for the test workers (they are
 * started after global setup and inherit its environment). The server's own URL stays in
 * CONFLUX_TEST_SERVER_URL for tests that make scratch databases of their own.
 */
interface GlobalState {
  server: TestServer;
  database: string;
}
const STATE = Symbol.for('conflux.test-database');

export async function globalSetup(): Promise<void> {
  const server = await startTestServer();
  try {
    const { name, url } = await createMigratedTestDatabase(server);
    process.env.CONFLUX_TEST_SERVER_URL = server.urlFor('postgres');
    process.env.DATABASE_URL = url;
    (globalThis as Record<symbol, GlobalState>)[STATE] = { server, database: name };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

export async function globalTeardown(): Promise<void> {
  const state = (globalThis as Record<symbol, GlobalState | undefined>)[STATE];
  if (!state) return;
  await dropScratchDatabase(state.server, state.database);
  await state.server.stop();
}
