import type { RetryPolicy } from './connector-config';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Methods that cannot change server state, so repeating them is harmless. */
export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

/**
 * Whether a request that may already have reached the server can be sent again. Unsafe
 * methods qualify only when the connector says the API is idempotent or sends an
 * idempotency key, because repeating a write that succeeded would duplicate it.
 */
export function mayResend(method: string, policy: RetryPolicy): boolean {
  return isSafeMethod(method) || policy.retryUnsafeMethods || Boolean(policy.idempotencyKeyHeader);
}

/** True when the method should carry the connector's idempotency key. */
export function wantsIdempotencyKey(method: string, policy: RetryPolicy): boolean {
  return Boolean(policy.idempotencyKeyHeader) && !isSafeMethod(method);
}

/**
 * Exponential backoff with full jitter (a uniformly random wait up to the exponential
 * bound), so that clients which failed together do not retry together.
 *
 * @param failedAttempt number of the attempt that just failed, from 1
 */
export function backoffDelayMs(failedAttempt: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>, random: () => number = Math.random): number {
  const exponential = policy.baseDelayMs * 2 ** Math.max(0, failedAttempt - 1);
  return Math.floor(random() * Math.min(policy.maxDelayMs, exponential));
}

/**
 * The wait a Retry-After header asks for, in milliseconds: delta-seconds or an HTTP date
 * (RFC 9110 §10.2.3). Undefined when absent or unreadable.
 */
export function parseRetryAfterMs(header: string | string[] | undefined, nowMs: number): number | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // Every HTTP date format names a day or month; V8 would otherwise read "-1" as a year.
  if (!/[A-Za-z]{3}/.test(value)) return undefined;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

/**
 * What a failed connection means for a retry:
 * - `not-sent`: no connection was made, so the request never reached the server; resending
 *   is safe for any method;
 * - `maybe-sent`: the connection broke after the request may have been delivered;
 * - `permanent`: retrying cannot help (unknown host, TLS certificate problems, bad input).
 */
export type NetworkFailureKind = 'not-sent' | 'maybe-sent' | 'permanent';

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'UND_ERR_CONNECT_TIMEOUT', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'EHOSTDOWN', 'ENETDOWN', 'EADDRNOTAVAIL']);
const MAYBE_SENT_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

export function classifyNetworkFailure(code: string | undefined): NetworkFailureKind {
  if (code && NOT_SENT_CODES.has(code)) return 'not-sent';
  if (code && MAYBE_SENT_CODES.has(code)) return 'maybe-sent';
  return 'permanent';
}
