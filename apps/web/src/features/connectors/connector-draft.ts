import { RetryPolicy, type Connector, type CreateConnectorRequest } from '@conflux/contracts';
import { emptySecret, secretInput, type SecretDraft } from '@/components/secret-field';
import type { AuthType } from './auth-labels';

/**
 * What the connector form edits: text for every input (numbers are checked on submit, so a
 * half-typed value stays on screen), and for secrets only what the admin typed or cleared.
 */
export interface HeaderDraft {
  /** Stable identity of the row while names change. */
  id: number;
  name: string;
  /** Typed by the admin; for a secret header never the stored value, which the browser never gets. */
  value: string;
  secret: boolean;
  clear: boolean;
}

export interface ConnectorDraft {
  key: string;
  name: string;
  baseUrl: string;
  authType: AuthType;
  apiKeyIn: 'header' | 'query';
  apiKeyName: string;
  username: string;
  tokenUrl: string;
  clientId: string;
  scopes: string;
  audience: string;
  /** The secret of the chosen authentication type (API key, token, password or client secret). */
  secret: SecretDraft;
  headers: HeaderDraft[];
  connectTimeoutMs: string;
  totalTimeoutMs: string;
  maxAttempts: string;
  baseDelayMs: string;
  maxDelayMs: string;
  retryOnStatuses: string;
  retryNetworkErrors: boolean;
  retryUnsafeMethods: boolean;
  idempotencyKeyHeader: string;
  rateLimited: boolean;
  rateRequests: string;
  rateIntervalMs: string;
  maxResponseBytes: string;
  testPath: string;
}

const DEFAULTS = { connectTimeoutMs: 5_000, totalTimeoutMs: 30_000, maxResponseBytes: 10 * 1024 * 1024, testPath: '/' };
const DEFAULT_RATE_LIMIT = { requests: 10, intervalMs: 1_000 };

let nextHeaderId = 1;
export const newHeaderRow = (): HeaderDraft => ({ id: nextHeaderId++, name: '', value: '', secret: false, clear: false });

/** The form's starting point: the contract's defaults for a new connector, or what the server has. */
export function draftFrom(connector?: Connector): ConnectorDraft {
  const retry = connector?.retryPolicy ?? RetryPolicy.parse({});
  const auth = connector?.auth ?? { type: 'none' as const };
  return {
    key: connector?.key ?? '',
    name: connector?.name ?? '',
    baseUrl: connector?.baseUrl ?? '',
    authType: auth.type,
    apiKeyIn: auth.type === 'api_key' ? auth.in : 'header',
    apiKeyName: auth.type === 'api_key' ? auth.name : '',
    username: auth.type === 'basic' ? auth.username : '',
    tokenUrl: auth.type === 'oauth2_client_credentials' ? auth.tokenUrl : '',
    clientId: auth.type === 'oauth2_client_credentials' ? auth.clientId : '',
    scopes: auth.type === 'oauth2_client_credentials' ? auth.scopes.join(' ') : '',
    audience: auth.type === 'oauth2_client_credentials' ? (auth.audience ?? '') : '',
    secret: emptySecret,
    headers: (connector?.defaultHeaders ?? []).map((header) => ({
      id: nextHeaderId++,
      name: header.name,
      value: header.secret ? '' : (header.value ?? ''),
      secret: header.secret,
      clear: false,
    })),
    connectTimeoutMs: String(connector?.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs),
    totalTimeoutMs: String(connector?.totalTimeoutMs ?? DEFAULTS.totalTimeoutMs),
    maxAttempts: String(retry.maxAttempts),
    baseDelayMs: String(retry.baseDelayMs),
    maxDelayMs: String(retry.maxDelayMs),
    retryOnStatuses: retry.retryOnStatuses.join(', '),
    retryNetworkErrors: retry.retryNetworkErrors,
    retryUnsafeMethods: retry.retryUnsafeMethods,
    idempotencyKeyHeader: retry.idempotencyKeyHeader ?? '',
    rateLimited: Boolean(connector?.rateLimit),
    rateRequests: String(connector?.rateLimit?.requests ?? DEFAULT_RATE_LIMIT.requests),
    rateIntervalMs: String(connector?.rateLimit?.intervalMs ?? DEFAULT_RATE_LIMIT.intervalMs),
    maxResponseBytes: String(connector?.maxResponseBytes ?? DEFAULTS.maxResponseBytes),
    testPath: connector?.testPath ?? DEFAULTS.testPath,
  };
}

/** Whether the server holds the secret of the auth type the form currently shows. */
export function authSecretStored(connector: Connector | undefined, authType: AuthType): boolean {
  const auth = connector?.auth;
  if (!auth || auth.type !== authType) return false;
  switch (auth.type) {
    case 'api_key':
      return auth.value.set;
    case 'bearer':
      return auth.token.set;
    case 'basic':
      return auth.password.set;
    case 'oauth2_client_credentials':
      return auth.clientSecret.set;
    default:
      return false;
  }
}

/** Whether the server holds a secret value for a header of this name (names are case-insensitive). */
export function headerSecretStored(connector: Connector | undefined, name: string): boolean {
  const wanted = name.trim().toLowerCase();
  return Boolean(wanted) && (connector?.defaultHeaders ?? []).some((header) => header.secret && header.set && header.name.toLowerCase() === wanted);
}

/** Checked by the schema in place of a base URL that `new URL()` cannot read (see toRequest). */
export const UNPARSABLE_URL_STAND_IN = 'https://unparsable-url.invalid';

/** Splits "read write, admin" into scopes. */
export const splitScopes = (text: string) => text.split(/[\s,]+/).filter(Boolean);

/**
 * The request for the draft (every field: a PATCH with all of them is an edit of the whole
 * form), and messages for inputs that are not numbers where numbers are expected.
 * Secrets left blank are omitted (kept), cleared ones are null.
 */
export function toRequest(draft: ConnectorDraft, connector?: Connector): { request: CreateConnectorRequest; problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  const whole = (text: string, path: string): number => {
    const trimmed = text.trim();
    if (!/^\d+$/.test(trimmed)) problems[path] = trimmed ? 'Enter a whole number' : 'Enter a number';
    return Number(trimmed);
  };
  const secret = secretInput(draft.secret, authSecretStored(connector, draft.authType));
  const auth: CreateConnectorRequest['auth'] = (() => {
    switch (draft.authType) {
      case 'none':
        return { type: 'none' as const };
      case 'api_key':
        return { type: 'api_key' as const, in: draft.apiKeyIn, name: draft.apiKeyName, value: secret };
      case 'bearer':
        return { type: 'bearer' as const, token: secret };
      case 'basic':
        return { type: 'basic' as const, username: draft.username, password: secret };
      case 'oauth2_client_credentials':
        return {
          type: 'oauth2_client_credentials' as const,
          tokenUrl: draft.tokenUrl.trim(),
          clientId: draft.clientId,
          clientSecret: secret,
          scopes: splitScopes(draft.scopes),
          ...(draft.audience.trim() ? { audience: draft.audience.trim() } : {}),
        };
    }
  })();

  // The contract's base-URL refinements call `new URL()` even after its URL check failed, which
  // throws for text that is no URL at all: such a value is reported here and kept from the schema.
  if (draft.baseUrl.trim() && !URL.canParse(draft.baseUrl.trim())) {
    problems.baseUrl = 'Enter an http(s) URL, e.g. https://api.example.com/v1';
  }

  const statusTokens = draft.retryOnStatuses.split(/[\s,]+/).filter(Boolean);
  if (statusTokens.some((token) => !/^\d{3}$/.test(token))) {
    problems['retryPolicy.retryOnStatuses'] = 'Enter HTTP status codes separated by commas, e.g. 429, 503';
  }

  const request: CreateConnectorRequest = {
    key: draft.key.trim(),
    name: draft.name,
    baseUrl: draft.baseUrl.trim(),
    auth,
    defaultHeaders: draft.headers
      .filter((header) => header.name.trim() || header.value)
      .map((header) => ({
        name: header.name.trim(),
        secret: header.secret,
        value: header.secret
          ? secretInput(header, headerSecretStored(connector, header.name))
          : header.value || undefined,
      })),
    connectTimeoutMs: whole(draft.connectTimeoutMs, 'connectTimeoutMs'),
    totalTimeoutMs: whole(draft.totalTimeoutMs, 'totalTimeoutMs'),
    retryPolicy: {
      maxAttempts: whole(draft.maxAttempts, 'retryPolicy.maxAttempts'),
      baseDelayMs: whole(draft.baseDelayMs, 'retryPolicy.baseDelayMs'),
      maxDelayMs: whole(draft.maxDelayMs, 'retryPolicy.maxDelayMs'),
      retryOnStatuses: statusTokens.map(Number),
      retryNetworkErrors: draft.retryNetworkErrors,
      retryUnsafeMethods: draft.retryUnsafeMethods,
      ...(draft.idempotencyKeyHeader.trim() ? { idempotencyKeyHeader: draft.idempotencyKeyHeader.trim() } : {}),
    },
    rateLimit: draft.rateLimited
      ? { requests: whole(draft.rateRequests, 'rateLimit.requests'), intervalMs: whole(draft.rateIntervalMs, 'rateLimit.intervalMs') }
      : null,
    maxResponseBytes: whole(draft.maxResponseBytes, 'maxResponseBytes'),
    testPath: draft.testPath.trim(),
  };
  return { request, problems };
}

/** "10 MiB" for 10485760. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '';
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(2)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(2)} KiB`;
  return `${bytes} bytes`;
}
