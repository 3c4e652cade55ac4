import type { RedactedRequest } from './redact';

/**
 * Everything the outbound HTTP client throws. Messages are built from redacted parts only,
 * so they can go to logs, run traces and the browser as they are.
 */
export type HttpClientErrorCode =
  | 'INVALID_CONNECTOR_CONFIG'
  | 'INVALID_REQUEST'
  | 'EGRESS_DENIED'
  | 'TIMEOUT'
  | 'ABORTED'
  | 'NETWORK_ERROR'
  | 'TOO_MANY_REDIRECTS'
  | 'REDIRECT_REFUSED'
  | 'RATE_LIMIT_EXCEEDED'
  | 'RATE_LIMIT_STORE_ERROR'
  | 'OAUTH2_TOKEN_ERROR';

export interface HttpClientErrorDetails {
  /** Redacted URL of the request that failed. */
  url?: string;
  /** Requests sent for this logical request before it failed. */
  attempts?: number;
  /** The request that failed, credentials masked. */
  request?: RedactedRequest;
  cause?: unknown;
}

export class HttpClientError extends Error {
  override name = 'HttpClientError';
  url?: string;
  attempts?: number;
  request?: RedactedRequest;

  constructor(
    readonly code: HttpClientErrorCode,
    message: string,
    details: HttpClientErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.url = details.url;
    this.attempts = details.attempts;
    this.request = details.request;
  }
}

export class InvalidConnectorConfigError extends HttpClientError {
  override name = 'InvalidConnectorConfigError';
  constructor(
    /** Path of the offending setting, e.g. `retryPolicy.maxAttempts`. */
    readonly field: string,
    message: string,
  ) {
    super('INVALID_CONNECTOR_CONFIG', `connector setting ${field}: ${message}`);
  }
}

export class InvalidHttpRequestError extends HttpClientError {
  override name = 'InvalidHttpRequestError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super('INVALID_REQUEST', `request ${field}: ${message}`);
  }
}

export type AddressCategory =
  | 'cloud-metadata'
  | 'unspecified'
  | 'broadcast'
  | 'link-local'
  | 'multicast'
  | 'reserved'
  | 'loopback'
  | 'private'
  | 'carrier-grade-nat'
  | 'public';

export class EgressDeniedError extends HttpClientError {
  override name = 'EgressDeniedError';
  constructor(
    message: string,
    readonly address: string,
    readonly category: AddressCategory,
    readonly hostname?: string,
  ) {
    super('EGRESS_DENIED', message);
  }
}

export type TimeoutPhase = 'connect' | 'total';

export class HttpTimeoutError extends HttpClientError {
  override name = 'HttpTimeoutError';
  constructor(
    readonly phase: TimeoutPhase,
    readonly timeoutMs: number,
    message: string,
    details: HttpClientErrorDetails = {},
  ) {
    super('TIMEOUT', message, details);
  }
}

export class HttpRequestAbortedError extends HttpClientError {
  override name = 'HttpRequestAbortedError';
  constructor(message: string, details: HttpClientErrorDetails = {}) {
    super('ABORTED', message, details);
  }
}

export class HttpNetworkError extends HttpClientError {
  override name = 'HttpNetworkError';
  constructor(
    /** The system or undici error code, e.g. ECONNREFUSED, UND_ERR_SOCKET. */
    readonly networkCode: string | undefined,
    message: string,
    details: HttpClientErrorDetails = {},
  ) {
    super('NETWORK_ERROR', message, details);
  }
}

export class TooManyRedirectsError extends HttpClientError {
  override name = 'TooManyRedirectsError';
  constructor(message: string, details: HttpClientErrorDetails = {}) {
    super('TOO_MANY_REDIRECTS', message, details);
  }
}

export class RedirectRefusedError extends HttpClientError {
  override name = 'RedirectRefusedError';
  constructor(message: string, details: HttpClientErrorDetails = {}) {
    super('REDIRECT_REFUSED', message, details);
  }
}

export class RateLimitExceededError extends HttpClientError {
  override name = 'RateLimitExceededError';
  constructor(
    readonly waitMs: number,
    message: string,
    details: HttpClientErrorDetails = {},
  ) {
    super('RATE_LIMIT_EXCEEDED', message, details);
  }
}

export class RateLimitStoreError extends HttpClientError {
  override name = 'RateLimitStoreError';
  constructor(message: string, details: HttpClientErrorDetails = {}) {
    super('RATE_LIMIT_STORE_ERROR', message, details);
  }
}

export class OAuth2TokenError extends HttpClientError {
  override name = 'OAuth2TokenError';
  constructor(
    message: string,
    /** True when asking again later may succeed (network failure, 429, 5xx). */
    readonly retryable: boolean,
    /** HTTP status of the token endpoint's answer, when there was one. */
    readonly status?: number,
    details: HttpClientErrorDetails = {},
  ) {
    super('OAUTH2_TOKEN_ERROR', message, details);
  }
}
