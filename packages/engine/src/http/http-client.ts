import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import { setTimeout as sleepFor } from 'node:timers/promises';
import { Agent, buildConnector, type Dispatcher } from 'undici';
import type { JsonValue } from '../model';
import { basicCredentials } from './auth-headers';
import {
  isValidHeaderName,
  isValidHeaderValue,
  resolveConnectorConfig,
  type ConnectorRuntimeConfig,
  type ResolvedConnectorConfig,
} from './connector-config';
import { EgressPolicy } from './egress-policy';
import {
  HttpClientError,
  HttpNetworkError,
  HttpRequestAbortedError,
  HttpTimeoutError,
  InvalidHttpRequestError,
  OAuth2TokenError,
  RedirectRefusedError,
  TooManyRedirectsError,
} from './errors';
import type { HttpClientEvent, HttpClientEventListener } from './events';
import { InMemoryTokenStore, OAuth2TokenProvider, type TokenEndpointResponse, type TokenStore } from './oauth2';
import { acquireRateLimitSlot, InMemoryRateLimitStore, type RateLimitStore } from './rate-limiter';
import { REDACTED, Redactor, redactorForConnector, type RedactedRequest } from './redact';
import { buildRequestUrl, type QueryParameters } from './request-url';
import { decodeBody, readCappedBody, type BodyFormat } from './response-body';
import { backoffDelayMs, classifyNetworkFailure, mayResend, parseRetryAfterMs, wantsIdempotencyKey } from './retry-policy';

export type HttpMethod = 'GET' | 'HEAD' | 'OPTIONS' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequest {
  method: HttpMethod | Lowercase<HttpMethod>;
  /** Appended to the connector's base URL; path parameters already substituted and encoded. */
  path: string;
  query?: QueryParameters;
  headers?: Record<string, string>;
  /** Sent as is when a string or bytes, otherwise serialised as JSON. Undefined and null send no body. */
  body?: unknown;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  statusText: string;
  /** Response headers, repeated ones joined with ", "; credentials (Set-Cookie...) masked. */
  headers: Record<string, string>;
  contentType: string | null;
  /** Parsed JSON, text, or base64 (see bodyFormat); null when empty. */
  body: JsonValue;
  bodyFormat: BodyFormat;
  /** Bytes of body read, at most the connector's maxResponseBytes. */
  bodyBytes: number;
  /** True when the body was longer than maxResponseBytes and was cut there. */
  truncated: boolean;
  /** Attempts made for this logical request (retries included, redirect hops not). */
  attempts: number;
  durationMs: number;
  /** The URL that gave this response, after redirects, redacted. */
  url: string;
  redirects: Array<{ status: number; url: string }>;
  request: RedactedRequest;
}

export interface HttpClientOptions {
  egressPolicy?: EgressPolicy;
  /** Where request budgets are counted; PostgresRateLimitStore when several workers share connectors. */
  rateLimitStore?: RateLimitStore;
  /** Where OAuth2 access tokens are cached; PostgresTokenStore when several workers share connectors. */
  tokenStore?: TokenStore;
  onEvent?: HttpClientEventListener;
  /** Wall-clock time, for token expiry and Retry-After dates. */
  now?: () => number;
  /** Waits between attempts and for rate-limit windows; must reject when the signal aborts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Source of backoff jitter. */
  random?: () => number;
  userAgent?: string;
  /** Open connections per origin and connector. Default 32. */
  maxConnectionsPerOrigin?: number;
}

const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const METHODS = new Set<string>(['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE']);
/** Headers the client owns: callers setting them could smuggle requests or address other virtual hosts. */
const RESERVED_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'te', 'trailer', 'expect']);
/** Request headers describing the body, dropped when a redirect turns the request into a GET. */
const BODY_HEADERS = ['content-type', 'content-encoding', 'content-language', 'content-location'];
const REQUEST_PREVIEW_CHARS = 16 * 1024;
const TOKEN_RESPONSE_MAX_BYTES = 64 * 1024;
const DISCARD_MAX_BYTES = 64 * 1024;
const DEFAULT_ACCEPT = 'application/json, text/plain;q=0.9, */*;q=0.8';

/**
 * The one outbound HTTP client of Conflux: connector "test connection", endpoint "try it" and
 * the dataflow "Execute API call" step all call upstream APIs through it. It keeps one
 * keep-alive connection pool per connector and, on every call, applies the connector's
 * authentication, timeouts, retry policy and rate limit, the egress policy (on the address
 * actually connected to, on every redirect hop), a response size cap, and redaction of every
 * secret in what it returns, throws and reports.
 */
export class HttpClient {
  private readonly egress: EgressPolicy;
  private readonly rateLimitStore: RateLimitStore;
  private readonly tokenStore: TokenStore;
  private readonly tokens: OAuth2TokenProvider;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  private readonly random: () => number;
  private readonly userAgent: string;
  private readonly maxConnectionsPerOrigin: number;
  private readonly pools = new Map<string, { agent: Agent; connectTimeoutMs: number }>();
  private closed = false;

  constructor(private readonly options: HttpClientOptions = {}) {
    this.egress = options.egressPolicy ?? new EgressPolicy();
    this.rateLimitStore = options.rateLimitStore ?? new InMemoryRateLimitStore();
    this.tokenStore = options.tokenStore ?? new InMemoryTokenStore();
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms, signal) => sleepFor(ms, undefined, { signal }));
    this.random = options.random ?? Math.random;
    this.userAgent = options.userAgent ?? 'Conflux';
    this.maxConnectionsPerOrigin = options.maxConnectionsPerOrigin ?? 32;
    this.tokens = new OAuth2TokenProvider({
      store: this.tokenStore,
      now: this.now,
      onEvent: (event) => this.emit(event),
      transport: (request) => this.sendTokenRequest(request),
    });
  }

  async request(connectorConfig: ConnectorRuntimeConfig, request: HttpRequest): Promise<HttpResponse> {
    if (this.closed) throw new HttpClientError('INVALID_REQUEST', 'the HTTP client is closed');
    const connector = resolveConnectorConfig(connectorConfig);
    const redactor = redactorForConnector(connector);
    const progress: Progress = { startedAt: performance.now(), attempts: 0, target: undefined, request: undefined };
    const scope = new RequestScope(connector.totalTimeoutMs, request.signal);
    try {
      const call = this.prepare(connector, request);
      progress.target = `${call.method} ${redactor.url(call.url)}`;
      progress.request = describeCall(connector, call, redactor);
      this.agentFor(connector);
      return await this.execute(connector, call, redactor, scope, progress);
    } catch (error) {
      throw sanitise(this.toClientError(error, connector, progress, redactor, scope), redactor, progress);
    } finally {
      scope.dispose();
    }
  }

  /** Closes every connection pool; requests in flight finish first. */
  async close(): Promise<void> {
    this.closed = true;
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map(({ agent }) => agent.close()));
  }

  /** Closes one connector's pool, e.g. after the connector was deleted. */
  async closeConnector(connectorId: string): Promise<void> {
    const pool = this.pools.get(connectorId);
    this.pools.delete(connectorId);
    await pool?.agent.close();
  }

  /** Drops a connector's cached access token everywhere, e.g. after its OAuth2 settings changed. */
  async invalidateToken(connectorId: string): Promise<void> {
    this.tokens.forget(connectorId);
    await this.tokenStore.delete(connectorId);
  }

  private prepare(connector: ResolvedConnectorConfig, request: HttpRequest): PreparedCall {
    const method = String(request.method ?? '').toUpperCase();
    if (!METHODS.has(method)) throw new InvalidHttpRequestError('method', `"${String(request.method)}" is not one of ${[...METHODS].join(', ')}`);
    const url = buildRequestUrl(connector.baseUrl, request.path, request.query);
    const body = serialiseBody(request.body);

    const headers = new HeaderList();
    headers.set('user-agent', this.userAgent);
    headers.set('accept', DEFAULT_ACCEPT);
    for (const header of connector.defaultHeaders) headers.set(header.name, header.value);
    for (const [name, value] of Object.entries(request.headers ?? {})) {
      if (!isValidHeaderName(name)) throw new InvalidHttpRequestError(`headers.${name}`, 'is not a valid header name');
      if (RESERVED_HEADERS.has(name.toLowerCase())) throw new InvalidHttpRequestError(`headers.${name}`, 'is set by the HTTP client and cannot be overridden');
      if (typeof value !== 'string' || !isValidHeaderValue(value)) {
        throw new InvalidHttpRequestError(`headers.${name}`, 'must be a string without line breaks or control characters');
      }
      headers.set(name, value);
    }
    if (body && !headers.has('content-type')) headers.set('content-type', body.contentType);

    const idempotencyHeader = connector.retryPolicy.idempotencyKeyHeader;
    if (idempotencyHeader && wantsIdempotencyKey(method, connector.retryPolicy) && !headers.has(idempotencyHeader)) {
      // One key for the logical request, so every retry is recognisably the same operation.
      headers.set(idempotencyHeader, randomUUID());
    }
    return { method, url, body, headers };
  }

  private async execute(
    connector: ResolvedConnectorConfig,
    call: PreparedCall,
    redactor: Redactor,
    scope: RequestScope,
    progress: Progress,
  ): Promise<HttpResponse> {
    const policy = connector.retryPolicy;
    const resendable = mayResend(call.method, policy);
    let attempts = 0;
    let rejectedToken: string | undefined;
    let tokenRefreshed = false;

    for (;;) {
      attempts += 1;
      progress.attempts = attempts;
      const attemptStartedAt = performance.now();
      let exchange: Exchange;
      try {
        const accessToken = await this.accessTokenFor(connector, scope, rejectedToken);
        if (accessToken) redactor.addSecret(accessToken);
        exchange = await this.sendFollowingRedirects(connector, call, accessToken, redactor, scope);
      } catch (error) {
        const failure = this.toClientError(error, connector, progress, redactor, scope);
        if (!(failure instanceof HttpClientError)) throw failure;
        this.emit({
          type: 'request_failed',
          connectorId: connector.id,
          method: call.method,
          url: redactor.url(call.url),
          attempt: attempts,
          code: failure.code,
          message: redactor.text(failure.message),
          durationMs: elapsedSince(attemptStartedAt),
        });
        const retryBudgetLeft = attempts < policy.maxAttempts + (tokenRefreshed ? 1 : 0);
        if (retryBudgetLeft && isRetryableFailure(failure, policy.retryNetworkErrors, resendable)) {
          const delayMs = backoffDelayMs(attempts, policy, this.random);
          if (delayMs < scope.remainingMs()) {
            await this.pause(connector, call, redactor, scope, attempts, delayMs, failure.code);
            continue;
          }
        }
        throw failure;
      }

      const { response } = exchange;
      this.emit({
        type: 'response',
        connectorId: connector.id,
        method: call.method,
        url: redactor.url(exchange.url),
        attempt: attempts,
        status: response.statusCode,
        durationMs: elapsedSince(attemptStartedAt),
      });

      // A rejected token is replaced once per logical request. The upstream refused the
      // request unprocessed, so resending is safe even for writes.
      if (response.statusCode === 401 && connector.auth.type === 'oauth2_client_credentials' && !tokenRefreshed && exchange.withCredentials) {
        tokenRefreshed = true;
        rejectedToken = exchange.accessToken;
        await discard(response.body);
        continue;
      }

      if (policy.retryOnStatuses.includes(response.statusCode) && resendable && attempts < policy.maxAttempts + (tokenRefreshed ? 1 : 0)) {
        const delayMs = this.retryDelayForResponse(response, attempts, connector, scope);
        if (delayMs !== null) {
          await discard(response.body);
          await this.pause(connector, call, redactor, scope, attempts, delayMs, `status ${response.statusCode}`);
          continue;
        }
      }

      return this.toResponse(connector, exchange, redactor, attempts, progress);
    }
  }

  /**
   * The wait before retrying a response, or null to return it as it is. A Retry-After is
   * honoured exactly, never shortened: retrying sooner than the server asked only earns
   * another refusal. When it asks for more than maxDelayMs or than the total budget has
   * left, the response is returned now rather than after a wait that cannot pay off.
   */
  private retryDelayForResponse(response: Dispatcher.ResponseData, attempt: number, connector: ResolvedConnectorConfig, scope: RequestScope): number | null {
    const retryAfterMs = parseRetryAfterMs(response.headers['retry-after'], this.now());
    const delayMs = retryAfterMs ?? backoffDelayMs(attempt, connector.retryPolicy, this.random);
    if (retryAfterMs !== undefined && retryAfterMs > connector.retryPolicy.maxDelayMs) return null;
    // The retry needs time of its own after the wait.
    if (delayMs >= scope.remainingMs()) return null;
    return delayMs;
  }

  private async pause(
    connector: ResolvedConnectorConfig,
    call: PreparedCall,
    redactor: Redactor,
    scope: RequestScope,
    attempt: number,
    delayMs: number,
    reason: string,
  ): Promise<void> {
    this.emit({ type: 'retry_scheduled', connectorId: connector.id, method: call.method, url: redactor.url(call.url), attempt, delayMs, reason });
    await this.sleep(delayMs, scope.signal);
  }

  private async accessTokenFor(connector: ResolvedConnectorConfig, scope: RequestScope, rejectedToken: string | undefined): Promise<string | undefined> {
    if (connector.auth.type !== 'oauth2_client_credentials') return undefined;
    return this.tokens.accessToken(connector.id, connector.auth, {
      signal: scope.signal,
      timeoutMs: connector.totalTimeoutMs,
      rejectedToken,
    });
  }

  /**
   * Sends one attempt and follows up to five redirects by hand, so every hop passes the
   * egress policy again and credentials never follow the request to another origin.
   */
  private async sendFollowingRedirects(
    connector: ResolvedConnectorConfig,
    call: PreparedCall,
    accessToken: string | undefined,
    redactor: Redactor,
    scope: RequestScope,
  ): Promise<Exchange> {
    const agent = this.agentFor(connector);
    const connectorOrigin = connector.baseUrl.origin;
    const redirects: Exchange['redirects'] = [];
    let url = call.url;
    let method = call.method;
    let body = call.body;
    let headers = call.headers.clone();
    let withCredentials = true;

    for (;;) {
      this.egress.assertHostAllowed(url.hostname);
      const sentUrl = new URL(url);
      const sentHeaders = headers.clone();
      if (withCredentials) applyAuth(connector, sentHeaders, sentUrl, accessToken);

      if (connector.rateLimit && sentUrl.origin === connectorOrigin) {
        await acquireRateLimitSlot(this.rateLimitStore, `connector:${connector.id}`, connector.rateLimit, {
          remainingMs: () => scope.remainingMs(),
          sleep: (ms) => this.sleep(ms, scope.signal),
          onWait: (waitMs) => this.emit({ type: 'rate_limit_wait', connectorId: connector.id, waitMs }),
          random: this.random,
        });
      }

      const response = await agent.request({
        origin: sentUrl.origin,
        path: `${sentUrl.pathname}${sentUrl.search}`,
        method: method as Dispatcher.HttpMethod,
        headers: sentHeaders.toRecord(),
        body: body?.bytes ?? null,
        signal: scope.signal,
        // The request scope enforces one deadline over all phases; undici's per-phase timers
        // would cut long requests short with a less accurate error.
        headersTimeout: 0,
        bodyTimeout: 0,
      });

      const location = response.headers.location;
      if (!REDIRECT_STATUSES.has(response.statusCode) || typeof location !== 'string') {
        return { response, url: sentUrl, redirects, accessToken, withCredentials };
      }
      await discard(response.body);
      if (redirects.length >= MAX_REDIRECTS) {
        throw new TooManyRedirectsError(`more than ${MAX_REDIRECTS} redirects, the last to ${redactor.url(resolveLocation(location, url) ?? location)}`);
      }

      const next = resolveLocation(location, url);
      if (!next) throw new RedirectRefusedError(`redirect from ${redactor.url(sentUrl)} to an invalid location`);
      if (next.protocol !== 'http:' && next.protocol !== 'https:') {
        throw new RedirectRefusedError(`redirect from ${redactor.url(sentUrl)} to a ${next.protocol.replace(/:$/, '')} URL refused: only http and https are followed`);
      }
      next.hash = '';
      if (withCredentials && next.origin !== connectorOrigin) {
        // Once off the connector's origin, the request carries nothing secret, even if a
        // later hop comes back: the new origin chose where it goes next.
        withCredentials = false;
        headers = withoutSecretHeaders(headers, redactor);
      }
      if (!withCredentials) stripOwnCredentials(next, redactor);
      redirects.push({ status: response.statusCode, url: redactor.url(next) });
      this.emit({
        type: 'redirect',
        connectorId: connector.id,
        status: response.statusCode,
        from: redactor.url(sentUrl),
        to: redactor.url(next),
        crossOrigin: next.origin !== sentUrl.origin,
      });

      // As browsers do (RFC 9110 §15.4): 303 makes any method but HEAD a GET, and 301/302
      // turn a POST into a GET; 307 and 308 repeat the request as it was.
      if ((response.statusCode === 303 && method !== 'HEAD') || ((response.statusCode === 301 || response.statusCode === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
        headers = headers.clone();
        for (const name of BODY_HEADERS) headers.delete(name);
      }
      url = next;
    }
  }

  private async toResponse(connector: ResolvedConnectorConfig, exchange: Exchange, redactor: Redactor, attempts: number, progress: Progress): Promise<HttpResponse> {
    const { response } = exchange;
    const { bytes, truncated } = await readCappedBody(response.body, connector.maxResponseBytes);
    const contentType = headerValue(response.headers['content-type']);
    const decoded = decodeBody(bytes, truncated, contentType, headerValue(response.headers['content-encoding']));
    // A server that echoes the request (or leaks a credential) must not put secrets in traces.
    const body = decoded.format === 'base64' ? decoded.body : redactor.json(decoded.body);
    return {
      status: response.statusCode,
      statusText: response.statusText ?? '',
      headers: joinRepeated(redactor.headers(response.headers)),
      contentType,
      body,
      bodyFormat: decoded.format,
      bodyBytes: bytes.length,
      truncated,
      attempts,
      durationMs: elapsedSince(progress.startedAt),
      url: redactor.url(exchange.url),
      redirects: exchange.redirects,
      request: progress.request!,
    };
  }

  /** What a failure means for the caller, with timeouts and cancellation told apart from network faults. */
  private toClientError(error: unknown, connector: ResolvedConnectorConfig, progress: Progress, redactor: Redactor, scope: RequestScope): unknown {
    const target = progress.target ?? 'request';
    if (scope.timedOut && !(error instanceof HttpTimeoutError)) {
      return new HttpTimeoutError('total', connector.totalTimeoutMs, `${target} did not complete within the total timeout of ${connector.totalTimeoutMs} ms`, {
        cause: error instanceof HttpClientError ? error : redactor.error(error),
      });
    }
    if (scope.callerAborted && !(error instanceof HttpRequestAbortedError)) {
      return new HttpRequestAbortedError(`${target} was cancelled by the caller`, { cause: redactor.error(error) });
    }
    if (error instanceof HttpClientError) return error;
    const code = (error as { code?: unknown } | null)?.code;
    // Anything without an error code is not a network fault but a defect: let it surface as it is.
    if (typeof code !== 'string') return error;
    if (code === 'UND_ERR_CONNECT_TIMEOUT') {
      return new HttpTimeoutError('connect', connector.connectTimeoutMs, `${target}: no connection within the connect timeout of ${connector.connectTimeoutMs} ms`, {
        cause: redactor.error(error),
      });
    }
    const reason = error instanceof Error ? error.message : String(error);
    return new HttpNetworkError(code, `${target} failed: ${redactor.text(reason)}`, { cause: redactor.error(error) });
  }

  private agentFor(connector: ResolvedConnectorConfig): Agent {
    // A retry of a request that was in flight when close() ran must not open a pool no one closes.
    if (this.closed) throw new HttpClientError('INVALID_REQUEST', 'the HTTP client is closed');
    const existing = this.pools.get(connector.id);
    if (existing && existing.connectTimeoutMs === connector.connectTimeoutMs) return existing.agent;
    if (existing) void existing.agent.close().catch(() => {});

    const connect = connectGuardedBy(this.egress, connector.connectTimeoutMs);
    const agent = new Agent({ connections: this.maxConnectionsPerOrigin, connect });
    this.pools.set(connector.id, { agent, connectTimeoutMs: connector.connectTimeoutMs });
    return agent;
  }

  private async sendTokenRequest(request: { connectorId: string; url: URL; headers: Record<string, string>; body: string; signal: AbortSignal }): Promise<TokenEndpointResponse> {
    this.egress.assertHostAllowed(request.url.hostname);
    const pool = this.pools.get(request.connectorId);
    if (!pool) throw new OAuth2TokenError('no connection pool for the connector', false);
    let response: Dispatcher.ResponseData;
    try {
      response = await pool.agent.request({
        origin: request.url.origin,
        path: `${request.url.pathname}${request.url.search}`,
        method: 'POST',
        headers: { ...request.headers, 'user-agent': this.userAgent },
        body: request.body,
        signal: request.signal,
        headersTimeout: 0,
        bodyTimeout: 0,
      });
    } catch (error) {
      if (error instanceof HttpClientError) throw error;
      const code = (error as { code?: unknown }).code;
      throw new HttpNetworkError(typeof code === 'string' ? code : undefined, error instanceof Error ? error.message : String(error));
    }
    const { bytes } = await readCappedBody(response.body, TOKEN_RESPONSE_MAX_BYTES);
    return { status: response.statusCode, contentType: headerValue(response.headers['content-type']), text: bytes.toString('utf8') };
  }

  private emit(event: HttpClientEvent): void {
    try {
      this.options.onEvent?.(event);
    } catch {
      // A failing listener must not fail the request it observes.
    }
  }
}

/**
 * Opens connections for one connector's pool. The socket never dials an IP literal the
 * egress policy refuses, whoever built the request; host names are checked by the policy's
 * lookup, on the addresses actually dialled. The connect timeout (name resolution, TCP and TLS
 * handshakes) runs on a precise timer of its own: undici's coarse timers fire up to a second late.
 */
function connectGuardedBy(egress: EgressPolicy, connectTimeoutMs: number): buildConnector.connector {
  const openSocket = buildConnector({ timeout: 0, lookup: egress.lookup }) as unknown as (
    options: buildConnector.Options,
    callback: buildConnector.Callback,
  ) => Socket;
  return (options, callback) => {
    try {
      egress.assertHostAllowed(options.hostname);
    } catch (error) {
      callback(error as Error, null);
      return;
    }
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      socket.destroy();
      const where = `${options.hostname}${options.port ? `:${options.port}` : ''}`;
      callback(new HttpTimeoutError('connect', connectTimeoutMs, `no connection to ${where} within the connect timeout of ${connectTimeoutMs} ms`), null);
    }, connectTimeoutMs);
    const socket = openSocket(options, (error, connected) => {
      if (settled) {
        connected?.destroy();
        return;
      }
      settled = true;
      clearTimeout(timer);
      if (error) callback(error, null);
      else callback(null, connected!);
    });
  };
}

interface Progress {
  startedAt: number;
  attempts: number;
  /** "METHOD redacted-url", for messages. */
  target: string | undefined;
  request: RedactedRequest | undefined;
}

interface SerialisedBody {
  bytes: Buffer;
  contentType: string;
  /** Text form for the trace preview; absent for bytes the caller passed. */
  text?: string;
}

interface PreparedCall {
  method: string;
  url: URL;
  body: SerialisedBody | undefined;
  headers: HeaderList;
}

interface Exchange {
  response: Dispatcher.ResponseData;
  url: URL;
  redirects: Array<{ status: number; url: string }>;
  accessToken: string | undefined;
  /** False once a redirect left the connector's origin and credentials were dropped. */
  withCredentials: boolean;
}

/** Request headers by case-insensitive name, keeping the spelling last given. */
class HeaderList {
  private readonly entries = new Map<string, { name: string; value: string }>();

  set(name: string, value: string): void {
    this.entries.set(name.toLowerCase(), { name, value });
  }

  has(name: string): boolean {
    return this.entries.has(name.toLowerCase());
  }

  delete(name: string): void {
    this.entries.delete(name.toLowerCase());
  }

  names(): string[] {
    return [...this.entries.values()].map(({ name }) => name);
  }

  clone(): HeaderList {
    const copy = new HeaderList();
    for (const { name, value } of this.entries.values()) copy.set(name, value);
    return copy;
  }

  toRecord(): Record<string, string> {
    return Object.fromEntries([...this.entries.values()].map(({ name, value }) => [name, value]));
  }
}

/**
 * Owns the total timeout of one logical request: a single deadline for every attempt, wait,
 * redirect and body, and the caller's cancellation, merged into one signal.
 */
class RequestScope {
  readonly signal: AbortSignal;
  timedOut = false;
  private readonly controller = new AbortController();
  private readonly deadline: number;
  private readonly timer: NodeJS.Timeout;
  private readonly onCallerAbort = () => this.controller.abort(this.callerSignal?.reason);

  constructor(
    totalTimeoutMs: number,
    private readonly callerSignal: AbortSignal | undefined,
  ) {
    this.signal = this.controller.signal;
    this.deadline = performance.now() + totalTimeoutMs;
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort(new Error(`total timeout of ${totalTimeoutMs} ms reached`));
    }, totalTimeoutMs);
    if (callerSignal?.aborted) this.controller.abort(callerSignal.reason);
    else callerSignal?.addEventListener('abort', this.onCallerAbort, { once: true });
  }

  get callerAborted(): boolean {
    return !this.timedOut && Boolean(this.callerSignal?.aborted);
  }

  remainingMs(): number {
    return Math.max(0, this.deadline - performance.now());
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
  }
}

function serialiseBody(body: unknown): SerialisedBody | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return { bytes: Buffer.from(body, 'utf8'), contentType: 'text/plain; charset=utf-8', text: body };
  if (Buffer.isBuffer(body) || body instanceof Uint8Array) return { bytes: Buffer.from(body), contentType: 'application/octet-stream' };
  let text: string | undefined;
  try {
    text = JSON.stringify(body);
  } catch (error) {
    throw new InvalidHttpRequestError('body', `cannot be serialised as JSON: ${(error as Error).message}`);
  }
  if (text === undefined) throw new InvalidHttpRequestError('body', 'cannot be serialised as JSON');
  return { bytes: Buffer.from(text, 'utf8'), contentType: 'application/json', text };
}

/** Adds the connector's credentials to one hop's headers or URL. */
function applyAuth(connector: ResolvedConnectorConfig, headers: HeaderList, url: URL, accessToken: string | undefined): void {
  const { auth } = connector;
  switch (auth.type) {
    case 'none':
      return;
    case 'api_key':
      if (auth.in === 'header') headers.set(auth.name, auth.value);
      else url.searchParams.set(auth.name, auth.value);
      return;
    case 'bearer':
      headers.set('authorization', `Bearer ${auth.token}`);
      return;
    case 'basic':
      headers.set('authorization', `Basic ${basicCredentials(auth.username, auth.password)}`);
      return;
    case 'oauth2_client_credentials':
      if (accessToken) headers.set('authorization', `Bearer ${accessToken}`);
      return;
  }
}

function withoutSecretHeaders(headers: HeaderList, redactor: Redactor): HeaderList {
  const kept = headers.clone();
  for (const name of headers.names()) if (redactor.isSecretHeader(name)) kept.delete(name);
  return kept;
}

/** Removes the connector's credentials from the query of a URL on another origin. */
function stripOwnCredentials(url: URL, redactor: Redactor): void {
  const kept = [...url.searchParams].filter(([name, value]) => !redactor.carriesOwnCredential(name, value));
  if (kept.length !== [...url.searchParams].length) url.search = new URLSearchParams(kept).toString();
}

/** The request as traces may show it: credentials applied, then masked, so their presence shows. */
function describeCall(connector: ResolvedConnectorConfig, call: PreparedCall, redactor: Redactor): RedactedRequest {
  const url = new URL(call.url);
  const headers = call.headers.clone();
  applyAuth(connector, headers, url, REDACTED);
  const { body } = call;
  const description: RedactedRequest = {
    method: call.method,
    url: redactor.url(url),
    headers: redactor.headers(headers.toRecord()) as Record<string, string>,
    bodyBytes: body?.bytes.length ?? 0,
  };
  if (body?.text !== undefined) {
    description.body = redactor.text(body.text.slice(0, REQUEST_PREVIEW_CHARS));
    if (body.text.length > REQUEST_PREVIEW_CHARS) description.bodyPreviewTruncated = true;
  }
  return description;
}

function joinRepeated(headers: Record<string, string | string[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]));
}

function isRetryableFailure(failure: HttpClientError, retryNetworkErrors: boolean, resendable: boolean): boolean {
  if (failure instanceof OAuth2TokenError) return failure.retryable;
  if (!retryNetworkErrors) return false;
  // A connect timeout, like a refused connection, means the request never left.
  if (failure instanceof HttpTimeoutError) return failure.phase === 'connect';
  if (failure instanceof HttpNetworkError) {
    const kind = classifyNetworkFailure(failure.networkCode);
    return kind === 'not-sent' || (kind === 'maybe-sent' && resendable);
  }
  return false;
}

function resolveLocation(location: string, base: URL): URL | null {
  try {
    return new URL(location, base);
  } catch {
    return null;
  }
}

async function discard(body: Dispatcher.ResponseData['body']): Promise<void> {
  try {
    await body.dump({ limit: DISCARD_MAX_BYTES });
  } catch {
    // The body is unwanted; a failure to drain it only costs the connection.
  }
}

function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? (value[0] ?? null) : value;
}

function elapsedSince(start: number): number {
  return Math.round(performance.now() - start);
}

/**
 * The last line of defence: no secret leaves in an error's message, stack or cause. Works on
 * a copy, because a connection failure is one error object shared by every request that was
 * waiting for that connection, and each of them adds its own URL and attempts.
 */
function sanitise(error: unknown, redactor: Redactor, progress: Progress): unknown {
  if (!(error instanceof HttpClientError)) return error;
  const copy = copyError(error);
  copy.message = redactor.text(error.message);
  if (error.stack) copy.stack = redactor.text(error.stack);
  if (error.cause !== undefined) copy.cause = error.cause instanceof HttpClientError ? sanitise(error.cause, redactor, progress) : redactor.error(error.cause);
  copy.url ??= progress.target?.slice(progress.target.indexOf(' ') + 1);
  copy.attempts ??= progress.attempts;
  copy.request ??= progress.request;
  return copy;
}

function copyError<T extends Error>(error: T): T {
  const copy = Object.assign(Object.create(Object.getPrototypeOf(error) as object) as T, error);
  // message, stack and cause are not enumerable, so Object.assign leaves them behind.
  Object.defineProperty(copy, 'message', { value: error.message, writable: true, configurable: true });
  Object.defineProperty(copy, 'stack', { value: error.stack, writable: true, configurable: true });
  if (error.cause !== undefined) Object.defineProperty(copy, 'cause', { value: error.cause, writable: true, configurable: true });
  return copy;
}
