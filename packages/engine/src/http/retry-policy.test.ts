import { DEFAULT_RETRY_POLICY } from './connector-config';
import { backoffDelayMs, classifyNetworkFailure, isSafeMethod, mayResend, parseRetryAfterMs, wantsIdempotencyKey } from './retry-policy';

describe('retry policy', () => {
  it('treats only GET, HEAD and OPTIONS as safe to resend by default', () => {
    expect(['GET', 'HEAD', 'OPTIONS', 'get'].every(isSafeMethod)).toBe(true);
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      expect(mayResend(method, DEFAULT_RETRY_POLICY)).toBe(false);
      expect(mayResend(method, { ...DEFAULT_RETRY_POLICY, retryUnsafeMethods: true })).toBe(true);
      expect(mayResend(method, { ...DEFAULT_RETRY_POLICY, idempotencyKeyHeader: 'Idempotency-Key' })).toBe(true);
    }
    expect(wantsIdempotencyKey('POST', { ...DEFAULT_RETRY_POLICY, idempotencyKeyHeader: 'Idempotency-Key' })).toBe(true);
    expect(wantsIdempotencyKey('GET', { ...DEFAULT_RETRY_POLICY, idempotencyKeyHeader: 'Idempotency-Key' })).toBe(false);
  });

  it('backs off exponentially with full jitter, capped at maxDelayMs', () => {
    const policy = { baseDelayMs: 200, maxDelayMs: 1_000 };
    expect(backoffDelayMs(1, policy, () => 0.999)).toBe(199);
    expect(backoffDelayMs(2, policy, () => 0.999)).toBe(399);
    expect(backoffDelayMs(3, policy, () => 0.999)).toBe(799);
    expect(backoffDelayMs(10, policy, () => 0.999)).toBe(999);
    expect(backoffDelayMs(3, policy, () => 0)).toBe(0);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');
    expect(parseRetryAfterMs('120', now)).toBe(120_000);
    expect(parseRetryAfterMs(' 0 ', now)).toBe(0);
    expect(parseRetryAfterMs('Wed, 21 Oct 2026 07:28:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfterMs('Wed, 21 Oct 2026 07:27:00 GMT', now)).toBe(0);
    expect(parseRetryAfterMs(['5', '9'], now)).toBe(5_000);
    expect(parseRetryAfterMs('-1', now)).toBeUndefined();
    expect(parseRetryAfterMs('soon', now)).toBeUndefined();
    expect(parseRetryAfterMs(undefined, now)).toBeUndefined();
  });

  it('tells failures before sending from failures after', () => {
    expect(classifyNetworkFailure('ECONNREFUSED')).toBe('not-sent');
    expect(classifyNetworkFailure('UND_ERR_CONNECT_TIMEOUT')).toBe('not-sent');
    expect(classifyNetworkFailure('ECONNRESET')).toBe('maybe-sent');
    expect(classifyNetworkFailure('UND_ERR_SOCKET')).toBe('maybe-sent');
    expect(classifyNetworkFailure('ENOTFOUND')).toBe('permanent');
    expect(classifyNetworkFailure('CERT_HAS_EXPIRED')).toBe('permanent');
    expect(classifyNetworkFailure(undefined)).toBe('permanent');
  });
});
