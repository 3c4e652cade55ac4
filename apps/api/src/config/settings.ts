import path from 'node:path';
import { z } from 'zod';

/** The repository root, wherever this file was compiled to (apps/api/src or apps/api/dist). */
const REPO_ROOT = path.resolve(__dirname, '../../../..');

const boolean = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

/**
 * Every setting Conflux reads, with its default. `.env.example` lists the same names;
 * keep the two together.
 */
const SettingsSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  CONFLUX_DATA_DIR: z.string().default(path.join(REPO_ROOT, '.conflux')),
  CONFLUX_EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  CONFLUX_API_HOST: z.string().default('127.0.0.1'),
  CONFLUX_API_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  CONFLUX_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CONFLUX_WORKER_ENABLED: boolean.default(true),
  CONFLUX_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  CONFLUX_SESSION_TTL_HOURS: z.coerce.number().min(0.01).max(24 * 30).default(12),
  CONFLUX_COOKIE_SECURE: boolean.default(false),
  // Express "trust proxy": whose X-Forwarded-For to believe for the client address (the web app's proxy is on loopback).
  CONFLUX_TRUST_PROXY: z.string().default('loopback'),
  CONFLUX_ADMIN_EMAIL: z.string().email().optional(),
  CONFLUX_ADMIN_PASSWORD: z.string().min(12).optional(),
  // AES-256-GCM key (32 bytes, base64) for stored secrets; unset: generated into CONFLUX_DATA_DIR/secret.key.
  CONFLUX_SECRET_KEY: z.string().optional(),
  // Comma-separated keys that may still have sealed stored secrets (during a rotation).
  CONFLUX_PREVIOUS_SECRET_KEYS: z.string().optional(),
  CONFLUX_EGRESS_BLOCK_PRIVATE: boolean.default(false),
  CONFLUX_RUN_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  CONFLUX_TRACE_BODY_LIMIT: z.coerce.number().int().min(100).max(10_000_000).default(10_000),
  // A worker that has not renewed a run's lease for this long is taken for dead; its run moves on.
  CONFLUX_RUN_LEASE_SECONDS: z.coerce.number().min(1).max(600).default(15),
});

export interface Settings {
  databaseUrl?: string;
  dataDir: string;
  embeddedPostgresPort: number;
  api: { host: string; port: number };
  logLevel: z.infer<typeof SettingsSchema>['CONFLUX_LOG_LEVEL'];
  worker: { enabled: boolean; concurrency: number };
  auth: {
    sessionTtlMs: number;
    cookieSecure: boolean;
    trustProxy: string;
    firstAdmin: { email?: string; password?: string };
  };
  secrets: { key?: string; previousKeys: string[] };
  egress: { blockPrivate: boolean };
  runs: { timeoutMs: number; traceBodyLimit: number; leaseMs: number };
}

export function loadSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  // An empty variable means "not set", as in most .env tooling.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = SettingsSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new Error(`Invalid settings:\n${problems}`);
  }
  const s = parsed.data;
  return {
    databaseUrl: s.DATABASE_URL,
    dataDir: path.resolve(s.CONFLUX_DATA_DIR),
    embeddedPostgresPort: s.CONFLUX_EMBEDDED_PG_PORT,
    api: { host: s.CONFLUX_API_HOST, port: s.CONFLUX_API_PORT },
    logLevel: s.CONFLUX_LOG_LEVEL,
    worker: { enabled: s.CONFLUX_WORKER_ENABLED, concurrency: s.CONFLUX_WORKER_CONCURRENCY },
    auth: {
      sessionTtlMs: s.CONFLUX_SESSION_TTL_HOURS * 3_600_000,
      cookieSecure: s.CONFLUX_COOKIE_SECURE,
      trustProxy: s.CONFLUX_TRUST_PROXY,
      firstAdmin: { email: s.CONFLUX_ADMIN_EMAIL?.toLowerCase(), password: s.CONFLUX_ADMIN_PASSWORD },
    },
    secrets: {
      key: s.CONFLUX_SECRET_KEY,
      previousKeys: (s.CONFLUX_PREVIOUS_SECRET_KEYS ?? '').split(',').map((key) => key.trim()).filter(Boolean),
    },
    egress: { blockPrivate: s.CONFLUX_EGRESS_BLOCK_PRIVATE },
    runs: {
      timeoutMs: s.CONFLUX_RUN_TIMEOUT_SECONDS * 1000,
      traceBodyLimit: s.CONFLUX_TRACE_BODY_LIMIT,
      leaseMs: s.CONFLUX_RUN_LEASE_SECONDS * 1000,
    },
  };
}
