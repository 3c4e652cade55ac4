import type { Params } from 'nestjs-pino';
import type { Settings } from './settings';

/**
 * Structured JSON logs (pino). Credentials that travel in headers never reach a log line.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
];

export function loggerOptions(settings: Pick<Settings, 'logLevel'>, stream?: NodeJS.WritableStream): Params {
  const options = {
    level: settings.logLevel,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    // Health probes would drown everything else.
    autoLogging: { ignore: (req: { url?: string }) => req.url === '/api/health' },
  };
  // Tests pass a stream to read what would have been logged.
  return { pinoHttp: stream ? [options, stream] : options };
}
