import { DEFAULT_RETRY_POLICY, resolveConnectorConfig, type ConnectorRuntimeConfig } from './connector-config';
import { InvalidConnectorConfigError } from './errors';

const minimal: ConnectorRuntimeConfig = { id: 'c1', baseUrl: 'https://api.example/v1', auth: { type: 'none' } };

describe('resolveConnectorConfig', () => {
  it('applies the documented defaults', () => {
    const resolved = resolveConnectorConfig(minimal);
    expect(resolved).toMatchObject({
      connectTimeoutMs: 5_000,
      totalTimeoutMs: 30_000,
      maxResponseBytes: 10 * 1024 * 1024,
      defaultHeaders: [],
      rateLimit: null,
      retryPolicy: { ...DEFAULT_RETRY_POLICY, idempotencyKeyHeader: undefined },
    });
    expect(resolved.retryPolicy.retryOnStatuses).toEqual([408, 429, 500, 502, 503, 504]);
  });

  it('merges a partial retry policy over the defaults', () => {
    expect(resolveConnectorConfig({ ...minimal, retryPolicy: { maxAttempts: 5, maxDelayMs: undefined } }).retryPolicy).toMatchObject({ maxAttempts: 5, maxDelayMs: 10_000 });
  });

  it.each([
    [{ baseUrl: 'ftp://files.example' }, 'baseUrl'],
    [{ baseUrl: 'https://user:pw@api.example' }, 'baseUrl'],
    [{ baseUrl: 'not a url' }, 'baseUrl'],
    [{ totalTimeoutMs: 0 }, 'totalTimeoutMs'],
    [{ retryPolicy: { maxAttempts: 0 } }, 'retryPolicy.maxAttempts'],
    [{ retryPolicy: { retryOnStatuses: [99] } }, 'retryPolicy.retryOnStatuses'],
    [{ retryPolicy: { idempotencyKeyHeader: 'Bad Header' } }, 'retryPolicy.idempotencyKeyHeader'],
    [{ rateLimit: { requests: 0, intervalMs: 1_000 } }, 'rateLimit.requests'],
    [{ defaultHeaders: [{ name: 'X-Ok', value: 'a\r\nInjected: 1', secret: false }] }, 'defaultHeaders[0].value'],
    [{ auth: { type: 'bearer', token: '' } }, 'auth.token'],
    [{ auth: { type: 'basic', username: 'a:b', password: 'x' } }, 'auth.username'],
    [{ auth: { type: 'oauth2_client_credentials', tokenUrl: 'https://idp.example/token', clientId: 'c', clientSecret: 's', scopes: ['a b'] } }, 'auth.scopes'],
  ] as Array<[Partial<ConnectorRuntimeConfig>, string]>)('rejects %j naming the field %s', (override, field) => {
    let error: unknown;
    try {
      resolveConnectorConfig({ ...minimal, ...override });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidConnectorConfigError);
    expect(error).toMatchObject({ field });
  });

  it('never puts a secret value into a validation message', () => {
    expect(() => resolveConnectorConfig({ ...minimal, auth: { type: 'api_key', in: 'header', name: 'X-Key', value: 'secret\nvalue' } })).toThrow(
      'connector setting auth.value: contains characters not allowed in a header',
    );
  });
});
