import { InvalidConnectorConfigError } from './errors';

/**
 * How the outbound HTTP client reaches one connector. Secrets are already decrypted: this
 * object lives only in server memory for the duration of a call.
 */
export type ConnectorAuth =
  | { type: 'none' }
  | { type: 'api_key'; in: 'header' | 'query'; name: string; value: string }
  | { type: 'bearer'; token: string }
  | { type: 'basic'; username: string; password: string }
  | OAuth2ClientCredentialsAuth;

export interface OAuth2ClientCredentialsAuth {
  type: 'oauth2_client_credentials';
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scopes: string[];
  audience?: string;
  /** How the client authenticates to the token endpoint (RFC 6749 §2.3.1). Default `client_secret_basic`. */
  clientAuthMethod?: 'client_secret_basic' | 'client_secret_post';
}

export interface ConnectorHeader {
  name: string;
  value: string;
  /** Secret values are masked in traces and stripped when a redirect leaves the connector's origin. */
  secret: boolean;
}

export interface RetryPolicy {
  /** Requests sent at most for one logical request, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  retryOnStatuses: number[];
  retryNetworkErrors: boolean;
  /** Retry POST, PUT, PATCH and DELETE even without an idempotency key (the API is known to be idempotent). */
  retryUnsafeMethods: boolean;
  /** When set, unsafe requests carry this header with one UUID per logical request, and may be retried. */
  idempotencyKeyHeader?: string;
}

export interface RateLimit {
  requests: number;
  intervalMs: number;
}

/** A connector as callers describe it; omitted settings take the documented defaults. */
export interface ConnectorRuntimeConfig {
  id: string;
  baseUrl: string;
  auth: ConnectorAuth;
  defaultHeaders?: ConnectorHeader[];
  /** Default 5000. */
  connectTimeoutMs?: number;
  /** Budget of one logical request, all attempts, waits and bodies included. Default 30000. */
  totalTimeoutMs?: number;
  retryPolicy?: Partial<RetryPolicy>;
  rateLimit?: RateLimit | null;
  /** Default 10 MiB. */
  maxResponseBytes?: number;
}

/** A connector with every default applied and every setting validated. */
export interface ResolvedConnectorConfig {
  id: string;
  baseUrl: URL;
  auth: ConnectorAuth;
  defaultHeaders: ConnectorHeader[];
  connectTimeoutMs: number;
  totalTimeoutMs: number;
  retryPolicy: RetryPolicy;
  rateLimit: RateLimit | null;
  maxResponseBytes: number;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
export const DEFAULT_TOTAL_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxAttempts: 3,
  baseDelayMs: 200,
  maxDelayMs: 10_000,
  retryOnStatuses: [408, 429, 500, 502, 503, 504],
  retryNetworkErrors: true,
  retryUnsafeMethods: false,
});

// Node timers overflow beyond 2^31-1 ms and fire at once.
const MAX_TIMER_MS = 2_147_483_647;
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Visible ASCII, spaces, tabs and obs-text; CR and LF would let a value inject headers.
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

export function isValidHeaderName(name: string): boolean {
  return HEADER_NAME.test(name);
}

export function isValidHeaderValue(value: string): boolean {
  return HEADER_VALUE.test(value);
}

export function resolveConnectorConfig(config: ConnectorRuntimeConfig): ResolvedConnectorConfig {
  if (typeof config.id !== 'string' || config.id === '') throw new InvalidConnectorConfigError('id', 'is required');
  const retry = { ...DEFAULT_RETRY_POLICY, ...withoutUndefined(config.retryPolicy ?? {}) };
  const resolved: ResolvedConnectorConfig = {
    id: config.id,
    baseUrl: parseHttpUrl(config.baseUrl, 'baseUrl'),
    auth: validateAuth(config.auth),
    defaultHeaders: (config.defaultHeaders ?? []).map((header, index) => validateHeader(header, `defaultHeaders[${index}]`)),
    connectTimeoutMs: positiveInteger(config.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS, 'connectTimeoutMs', MAX_TIMER_MS),
    totalTimeoutMs: positiveInteger(config.totalTimeoutMs ?? DEFAULT_TOTAL_TIMEOUT_MS, 'totalTimeoutMs', MAX_TIMER_MS),
    retryPolicy: {
      maxAttempts: positiveInteger(retry.maxAttempts, 'retryPolicy.maxAttempts', 20),
      baseDelayMs: nonNegativeInteger(retry.baseDelayMs, 'retryPolicy.baseDelayMs'),
      maxDelayMs: nonNegativeInteger(retry.maxDelayMs, 'retryPolicy.maxDelayMs'),
      retryOnStatuses: validateStatuses(retry.retryOnStatuses),
      retryNetworkErrors: Boolean(retry.retryNetworkErrors),
      retryUnsafeMethods: Boolean(retry.retryUnsafeMethods),
      idempotencyKeyHeader: retry.idempotencyKeyHeader ? validateHeaderName(retry.idempotencyKeyHeader, 'retryPolicy.idempotencyKeyHeader') : undefined,
    },
    rateLimit: config.rateLimit
      ? {
          requests: positiveInteger(config.rateLimit.requests, 'rateLimit.requests'),
          intervalMs: positiveInteger(config.rateLimit.intervalMs, 'rateLimit.intervalMs'),
        }
      : null,
    maxResponseBytes: positiveInteger(config.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES, 'maxResponseBytes'),
  };
  if (resolved.retryPolicy.maxDelayMs < resolved.retryPolicy.baseDelayMs) {
    throw new InvalidConnectorConfigError('retryPolicy.maxDelayMs', 'must not be smaller than retryPolicy.baseDelayMs');
  }
  return resolved;
}

/** Parses an absolute http(s) URL that carries no credentials and no fragment. */
export function parseHttpUrl(value: string, field: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidConnectorConfigError(field, 'is not an absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidConnectorConfigError(field, `must use http or https, not ${url.protocol.replace(/:$/, '')}`);
  }
  // Credentials in a URL end up in logs and in every trace that shows it; they belong in auth.
  if (url.username || url.password) throw new InvalidConnectorConfigError(field, 'must not contain a user name or password; configure authentication instead');
  if (url.hash) throw new InvalidConnectorConfigError(field, 'must not contain a fragment (#...)');
  return url;
}

function validateAuth(auth: ConnectorAuth | undefined): ConnectorAuth {
  if (!auth || typeof auth !== 'object') throw new InvalidConnectorConfigError('auth', 'is required (use { type: "none" } for none)');
  switch (auth.type) {
    case 'none':
      return auth;
    case 'api_key':
      if (auth.in !== 'header' && auth.in !== 'query') throw new InvalidConnectorConfigError('auth.in', 'must be "header" or "query"');
      if (auth.in === 'header') validateHeaderName(auth.name, 'auth.name');
      else if (!auth.name) throw new InvalidConnectorConfigError('auth.name', 'is required');
      requiredString(auth.value, 'auth.value');
      if (auth.in === 'header' && !isValidHeaderValue(auth.value)) throw new InvalidConnectorConfigError('auth.value', 'contains characters not allowed in a header');
      return auth;
    case 'bearer':
      requiredString(auth.token, 'auth.token');
      if (!isValidHeaderValue(auth.token)) throw new InvalidConnectorConfigError('auth.token', 'contains characters not allowed in a header');
      return auth;
    case 'basic':
      requiredString(auth.username, 'auth.username');
      if (typeof auth.password !== 'string') throw new InvalidConnectorConfigError('auth.password', 'must be a string');
      // RFC 7617: the user-id cannot contain a colon, the password may.
      if (auth.username.includes(':')) throw new InvalidConnectorConfigError('auth.username', 'must not contain ":"');
      return auth;
    case 'oauth2_client_credentials':
      parseHttpUrl(auth.tokenUrl, 'auth.tokenUrl');
      requiredString(auth.clientId, 'auth.clientId');
      requiredString(auth.clientSecret, 'auth.clientSecret');
      if (!Array.isArray(auth.scopes) || auth.scopes.some((scope) => typeof scope !== 'string' || /\s/.test(scope) || scope === '')) {
        throw new InvalidConnectorConfigError('auth.scopes', 'must be a list of scopes without spaces');
      }
      if (auth.clientAuthMethod && auth.clientAuthMethod !== 'client_secret_basic' && auth.clientAuthMethod !== 'client_secret_post') {
        throw new InvalidConnectorConfigError('auth.clientAuthMethod', 'must be "client_secret_basic" or "client_secret_post"');
      }
      return auth;
    default:
      throw new InvalidConnectorConfigError('auth.type', `unknown authentication type "${(auth as { type: unknown }).type}"`);
  }
}

function validateHeader(header: ConnectorHeader, field: string): ConnectorHeader {
  validateHeaderName(header.name, `${field}.name`);
  if (typeof header.value !== 'string' || !isValidHeaderValue(header.value)) {
    throw new InvalidConnectorConfigError(`${field}.value`, 'must be a string without line breaks or control characters');
  }
  return { name: header.name, value: header.value, secret: Boolean(header.secret) };
}

function validateHeaderName(name: string, field: string): string {
  if (typeof name !== 'string' || !isValidHeaderName(name)) throw new InvalidConnectorConfigError(field, `"${String(name)}" is not a valid header name`);
  return name;
}

function validateStatuses(statuses: number[]): number[] {
  if (!Array.isArray(statuses) || statuses.some((status) => !Number.isInteger(status) || status < 100 || status > 599)) {
    throw new InvalidConnectorConfigError('retryPolicy.retryOnStatuses', 'must be a list of HTTP status codes (100-599)');
  }
  return [...statuses];
}

function requiredString(value: unknown, field: string): void {
  if (typeof value !== 'string' || value === '') throw new InvalidConnectorConfigError(field, 'is required');
}

function positiveInteger(value: number, field: string, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isInteger(value) || value < 1 || value > max) throw new InvalidConnectorConfigError(field, `must be an integer from 1 to ${max}`);
  return value;
}

function nonNegativeInteger(value: number, field: string): number {
  if (!Number.isInteger(value) || value < 0) throw new InvalidConnectorConfigError(field, 'must be a non-negative integer');
  return value;
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
