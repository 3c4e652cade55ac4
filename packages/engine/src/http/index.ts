export {
  HttpClient,
  type HttpClientOptions,
  type HttpMethod,
  type HttpRequest,
  type HttpResponse,
} from './http-client';
export {
  resolveConnectorConfig,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_TOTAL_TIMEOUT_MS,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_RETRY_POLICY,
  type ConnectorAuth,
  type ConnectorHeader,
  type ConnectorRuntimeConfig,
  type OAuth2ClientCredentialsAuth,
  type RateLimit,
  type ResolvedConnectorConfig,
  type RetryPolicy,
} from './connector-config';
export {
  EgressPolicy,
  describeAddressCategory,
  type AddressVerdict,
  type EgressPolicyOptions,
  type HostResolver,
  type ResolvedAddress,
} from './egress-policy';
export {
  HttpClientError,
  EgressDeniedError,
  HttpNetworkError,
  HttpRequestAbortedError,
  HttpTimeoutError,
  InvalidConnectorConfigError,
  InvalidHttpRequestError,
  OAuth2TokenError,
  RateLimitExceededError,
  RateLimitStoreError,
  RedirectRefusedError,
  TooManyRedirectsError,
  type AddressCategory,
  type HttpClientErrorCode,
  type TimeoutPhase,
} from './errors';
export type { HttpClientEvent, HttpClientEventListener, TokenFetchReason } from './events';
export {
  InMemoryTokenStore,
  OAuth2TokenProvider,
  isTokenFresh,
  refreshMarginMs,
  requestClientCredentialsToken,
  type OAuth2Token,
  type TokenStore,
} from './oauth2';
export { PostgresTokenStore } from './postgres-token-store';
export { InMemoryRateLimitStore, acquireRateLimitSlot, type RateLimitHit, type RateLimitStore } from './rate-limiter';
export { PostgresRateLimitStore } from './postgres-rate-limit-store';
export { REDACTED, Redactor, redactSecrets, redactorForConnector, type RedactedRequest, type RedactorOptions } from './redact';
export { backoffDelayMs, isSafeMethod, mayResend, parseRetryAfterMs } from './retry-policy';
export type { BodyFormat } from './response-body';
