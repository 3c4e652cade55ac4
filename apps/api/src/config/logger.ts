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

export function loggerOptions(settings: Pick<Settings, 'logLevel'>): Params {
  return {
    pinoHttp: {
      level: settings.logLevel,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      // Health probes would drown everything else.
      autoLogging: { ignore: (req) => req.url === '/api/health' },
    },
  };
}
