// `npm start` for the web app: `next start` on CONFLUX_WEB_PORT (default 3000).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const port = process.env.CONFLUX_WEB_PORT || '3000';
const host = process.env.CONFLUX_WEB_HOST || '127.0.0.1';
const next = spawn(process.execPath, [require.resolve('next/dist/bin/next'), 'start', '-p', port, '-H', host], {
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => next.kill(signal));
next.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
