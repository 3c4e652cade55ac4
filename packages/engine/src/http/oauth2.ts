import { createHash } from 'node:crypto';
import type { OAuth2ClientCredentialsAuth } from './connector-config';
import { clientCredentialsBasic } from './auth-headers';
import { HttpClientError, OAuth2TokenError } from './errors';
import type { HttpClientEventListener, TokenFetchReason } from './events';
import { classifyNetworkFailure } from './retry-policy';

export interface OAuth2Token {
  accessToken: string;
  expiresAt: Date;
  /** When the token was issued to us: with expiresAt, its lifetime, which sets how early to refresh. */
  obtainedAt: Date;
}

/** Where access tokens are cached between requests (and, for PostgresTokenStore, between workers). */
export interface TokenStore {
  get(connectorId: string): Promise<OAuth2Token | null>;
  save(connectorId: string, token: OAuth2Token): Promise<void>;
  delete(connectorId: string): Promise<void>;
}

export class InMemoryTokenStore implements TokenStore {
  private readonly tokens = new Map<string, OAuth2Token>();

  async get(connectorId: string): Promise<OAuth2Token | null> {
    return this.tokens.get(connectorId) ?? null;
  }

  async save(connectorId: string, token: OAuth2Token): Promise<void> {
    this.tokens.set(connectorId, token);
  }

  async delete(connectorId: string): Promise<void> {
    this.tokens.delete(connectorId);
  }
}

const MIN_REFRESH_MARGIN_MS = 60_000;
const REFRESH_MARGIN_FRACTION = 0.1;
/** Token endpoints that omit expires_in usually issue hour-long tokens; a 401 corrects a wrong guess. */
const DEFAULT_EXPIRES_IN_S = 3600;
const MAX_ERROR_DESCRIPTION_CHARS = 300;

/**
 * How long before expiry a token is replaced: 60 s or a tenth of its lifetime, whichever is
 * longer, so requests never leave with a token about to lapse in flight; but never more than
 * half its lifetime, so short-lived tokens are still reused rather than fetched every time.
 */
export function refreshMarginMs(token: Pick<OAuth2Token, 'expiresAt' | 'obtainedAt'>): number {
  const lifetime = Math.max(0, token.expiresAt.getTime() - token.obtainedAt.getTime());
  return Math.min(Math.max(MIN_REFRESH_MARGIN_MS, lifetime * REFRESH_MARGIN_FRACTION), lifetime / 2);
}

export function isTokenFresh(token: Pick<OAuth2Token, 'expiresAt' | 'obtainedAt'>, nowMs: number): boolean {
  return token.expiresAt.getTime() - nowMs > refreshMarginMs(token);
}

export interface TokenEndpointRequest {
  url: URL;
  headers: Record<string, string>;
  body: string;
  signal: AbortSignal;
}

export interface TokenEndpointResponse {
  status: number;
  contentType: string | null;
  text: string;
}

/** Sends the token request; the HTTP client supplies one that obeys the egress policy. */
export type TokenEndpointTransport = (request: TokenEndpointRequest) => Promise<TokenEndpointResponse>;

/** The client credentials grant (RFC 6749 §4.4): one token request, its answer validated. */
export async function requestClientCredentialsToken(
  auth: OAuth2ClientCredentialsAuth,
  transport: TokenEndpointTransport,
  signal: AbortSignal,
  now: () => number = Date.now,
): Promise<OAuth2Token> {
  const form = new URLSearchParams({ grant_type: 'client_credentials' });
  if (auth.scopes.length > 0) form.set('scope', auth.scopes.join(' '));
  if (auth.audience) form.set('audience', auth.audience);
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
  };
  if (auth.clientAuthMethod === 'client_secret_post') {
    form.set('client_id', auth.clientId);
    form.set('client_secret', auth.clientSecret);
  } else {
    headers.authorization = `Basic ${clientCredentialsBasic(auth.clientId, auth.clientSecret)}`;
  }

  const tokenUrl = new URL(auth.tokenUrl);
  const shownUrl = `${tokenUrl.origin}${tokenUrl.pathname}`;
  const obtainedAt = now();
  let response: TokenEndpointResponse;
  try {
    response = await transport({ url: tokenUrl, headers, body: form.toString(), signal });
  } catch (error) {
    if (error instanceof HttpClientError && error.code !== 'NETWORK_ERROR') throw error;
    const code = (error as { networkCode?: string; code?: string }).networkCode ?? (error as { code?: string }).code;
    throw new OAuth2TokenError(
      `token request to ${shownUrl} failed: ${(error as Error).message}`,
      classifyNetworkFailure(code) !== 'permanent',
      undefined,
      { cause: error },
    );
  }

  const payload = parseJsonObject(response.text);
  if (response.status < 200 || response.status >= 300) {
    const reason = payload && typeof payload.error === 'string' ? describeOAuthError(payload) : `HTTP ${response.status}`;
    throw new OAuth2TokenError(
      `token endpoint ${shownUrl} refused the client credentials grant with ${response.status}: ${reason}`,
      response.status === 429 || response.status >= 500,
      response.status,
    );
  }
  const accessToken = payload?.access_token;
  if (typeof accessToken !== 'string' || accessToken === '') {
    throw new OAuth2TokenError(`token endpoint ${shownUrl} answered ${response.status} without an access_token`, false, response.status);
  }
  const expiresIn = Number(payload?.expires_in ?? DEFAULT_EXPIRES_IN_S);
  const lifetimeS = Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : DEFAULT_EXPIRES_IN_S;
  return { accessToken, obtainedAt: new Date(obtainedAt), expiresAt: new Date(obtainedAt + lifetimeS * 1000) };
}

export interface OAuth2TokenProviderOptions {
  store: TokenStore;
  /** Sends a connector's token request (through that connector's connection pool). */
  transport: (request: TokenEndpointRequest & { connectorId: string }) => Promise<TokenEndpointResponse>;
  now?: () => number;
  onEvent?: HttpClientEventListener;
}

export interface AccessTokenOptions {
  signal: AbortSignal;
  /** Budget of the token request itself. */
  timeoutMs: number;
  /** A token the upstream just answered 401 to: never hand it out again. */
  rejectedToken?: string;
}

/**
 * Access tokens of client-credentials connectors: reused while fresh, replaced before they
 * expire or when the upstream rejects them. A process fetches at most one token per
 * connector at a time; concurrent callers share that fetch.
 */
export class OAuth2TokenProvider {
  private readonly memory = new Map<string, { credentials: string; token: OAuth2Token }>();
  private readonly inFlight = new Map<string, { credentials: string; promise: Promise<OAuth2Token> }>();
  private readonly now: () => number;

  constructor(private readonly options: OAuth2TokenProviderOptions) {
    this.now = options.now ?? Date.now;
  }

  async accessToken(connectorId: string, auth: OAuth2ClientCredentialsAuth, options: AccessTokenOptions): Promise<string> {
    const credentials = credentialsFingerprint(auth);
    const remembered = this.memory.get(connectorId);
    if (remembered && remembered.credentials === credentials && this.usable(remembered.token, options.rejectedToken)) {
      return remembered.token.accessToken;
    }
    let token = await abortable(this.sharedFetch(connectorId, auth, credentials, options, false), options.signal);
    // A fetch joined mid-way may have started before the rejection and found the same token.
    if (token.accessToken === options.rejectedToken) {
      token = await abortable(this.sharedFetch(connectorId, auth, credentials, options, true), options.signal);
    }
    return token.accessToken;
  }

  /** Forgets the process's copy, e.g. after the connector's credentials changed. */
  forget(connectorId: string): void {
    this.memory.delete(connectorId);
  }

  private sharedFetch(connectorId: string, auth: OAuth2ClientCredentialsAuth, credentials: string, options: AccessTokenOptions, startNew: boolean): Promise<OAuth2Token> {
    const pending = this.inFlight.get(connectorId);
    if (pending && pending.credentials === credentials && !startNew) return pending.promise;
    const promise = this.obtain(connectorId, auth, credentials, options).finally(() => {
      if (this.inFlight.get(connectorId)?.promise === promise) this.inFlight.delete(connectorId);
    });
    this.inFlight.set(connectorId, { credentials, promise });
    return promise;
  }

  private usable(token: OAuth2Token, rejectedToken: string | undefined): boolean {
    return token.accessToken !== rejectedToken && isTokenFresh(token, this.now());
  }

  private async obtain(connectorId: string, auth: OAuth2ClientCredentialsAuth, credentials: string, options: AccessTokenOptions): Promise<OAuth2Token> {
    const remembered = this.memory.get(connectorId);
    const credentialsChanged = remembered !== undefined && remembered.credentials !== credentials;
    // Another worker may have refreshed already. A stored token is skipped when this process
    // knows the credentials changed since, because the store cannot tell whose token it holds.
    const stored = credentialsChanged ? null : await this.readStore(connectorId);
    if (stored && this.usable(stored, options.rejectedToken)) {
      this.memory.set(connectorId, { credentials, token: stored });
      return stored;
    }

    const reason: TokenFetchReason = credentialsChanged
      ? 'credentials_changed'
      : options.rejectedToken && (stored?.accessToken === options.rejectedToken || remembered?.token.accessToken === options.rejectedToken)
        ? 'rejected'
        : stored || remembered
          ? 'expiring'
          : 'missing';
    // The fetch is shared, so no single caller's signal may cancel it; it has its own timeout.
    const signal = AbortSignal.timeout(options.timeoutMs);
    const transport: TokenEndpointTransport = (request) => this.options.transport({ ...request, connectorId });
    const token = await requestClientCredentialsToken(auth, transport, signal, this.now).catch((error: unknown) => {
      if (signal.aborted && !(error instanceof HttpClientError && error.code === 'EGRESS_DENIED')) {
        throw new OAuth2TokenError(`token request to ${new URL(auth.tokenUrl).origin} timed out after ${options.timeoutMs} ms`, true);
      }
      throw error;
    });
    this.memory.set(connectorId, { credentials, token });
    this.emit({ type: 'token_fetched', connectorId, reason, expiresAt: token.expiresAt });
    try {
      await this.options.store.save(connectorId, token);
    } catch (error) {
      // The store is a cache: the token is valid whether or not it could be shared.
      this.emit({ type: 'token_store_error', connectorId, operation: 'save', message: (error as Error).message });
    }
    return token;
  }

  private async readStore(connectorId: string): Promise<OAuth2Token | null> {
    try {
      return await this.options.store.get(connectorId);
    } catch (error) {
      this.emit({ type: 'token_store_error', connectorId, operation: 'get', message: (error as Error).message });
      return null;
    }
  }

  private emit(event: Parameters<HttpClientEventListener>[0]): void {
    try {
      this.options.onEvent?.(event);
    } catch {
      // A failing listener must not fail the request it observes.
    }
  }
}

/** Identifies the credentials a token was issued for, without keeping the secret itself. */
function credentialsFingerprint(auth: OAuth2ClientCredentialsAuth): string {
  return createHash('sha256')
    .update(JSON.stringify([auth.tokenUrl, auth.clientId, auth.clientSecret, [...auth.scopes].sort(), auth.audience ?? null, auth.clientAuthMethod ?? null]))
    .digest('hex');
}

function describeOAuthError(payload: Record<string, unknown>): string {
  const description = typeof payload.error_description === 'string' ? `: ${payload.error_description.slice(0, MAX_ERROR_DESCRIPTION_CHARS)}` : '';
  return `${String(payload.error).slice(0, 100)}${description}`;
}

function parseJsonObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
