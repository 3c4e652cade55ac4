import { CreateConnectorRequest, type Connector } from '@conflux/contracts';
import { draftFrom, toRequest } from '@/features/connectors/connector-draft';
import { dependentsOf } from '@/components/problem-callout';
import { ApiError, formError, pathErrors } from '@/lib/api-client';

const stored: Connector = {
  id: '01a23c4c-df92-70f9-bf38-c23c499ebea1',
  systemId: '01a23c4c-df92-70f9-bf38-c23c499ebea2',
  key: 'production',
  name: 'Production',
  baseUrl: 'https://api.example.com/v1',
  auth: { type: 'api_key', in: 'header', name: 'X-Api-Key', value: { set: true } },
  defaultHeaders: [
    { name: 'Accept', secret: false, value: 'application/json', set: true },
    { name: 'X-Tenant-Secret', secret: true, set: true },
  ],
  connectTimeoutMs: 5_000,
  totalTimeoutMs: 30_000,
  retryPolicy: { maxAttempts: 3, baseDelayMs: 200, maxDelayMs: 10_000, retryOnStatuses: [429, 503], retryNetworkErrors: true, retryUnsafeMethods: false },
  rateLimit: { requests: 5, intervalMs: 1_000 },
  maxResponseBytes: 1_048_576,
  testPath: '/status',
  endpointCount: 0,
  createdAt: '2026-12-03T14:00:00.000Z',
  updatedAt: '2026-12-03T14:00:00.000Z',
};

describe('the connector form draft', () => {
  it('starts a new connector from the contract defaults, which it accepts once named', () => {
    const draft = { ...draftFrom(), key: 'prod', name: 'Prod', baseUrl: 'https://api.example.com' };
    const { request, problems } = toRequest(draft);
    expect(problems).toEqual({});
    expect(request).toMatchObject({ auth: { type: 'none' }, defaultHeaders: [], rateLimit: null, testPath: '/', retryPolicy: { maxAttempts: 3 } });
    expect(CreateConnectorRequest.safeParse(request).success).toBe(true);
  });

  it('never holds stored secrets, and keeps them when left blank', () => {
    const draft = draftFrom(stored);
    expect(draft.secret).toEqual({ value: '', clear: false });
    expect(draft.headers.map((header) => header.value)).toEqual(['application/json', '']);
    const { request } = toRequest(draft, stored);
    expect(request.auth).toEqual({ type: 'api_key', in: 'header', name: 'X-Api-Key', value: undefined });
    expect(request.defaultHeaders).toEqual([
      { name: 'Accept', secret: false, value: 'application/json' },
      { name: 'X-Tenant-Secret', secret: true, value: undefined },
    ]);
    expect(request.rateLimit).toEqual({ requests: 5, intervalMs: 1_000 });
  });

  it('sends a typed secret, and null for one the admin cleared', () => {
    const draft = draftFrom(stored);
    draft.secret = { value: 'new-key', clear: false };
    draft.headers[1] = { ...draft.headers[1]!, value: '', clear: true };
    const { request } = toRequest(draft, stored);
    expect(request.auth).toMatchObject({ value: 'new-key' });
    expect(request.defaultHeaders![1]).toEqual({ name: 'X-Tenant-Secret', secret: true, value: null });
  });

  it('does not clear what another auth type or header name never stored', () => {
    const draft = { ...draftFrom(stored), authType: 'bearer' as const, secret: { value: '', clear: true } };
    draft.headers[1] = { ...draft.headers[1]!, name: 'X-Other', clear: true };
    const { request } = toRequest(draft, stored);
    expect(request.auth).toEqual({ type: 'bearer', token: undefined });
    expect(request.defaultHeaders![1]!.value).toBeUndefined();
  });

  it('says which numbers, statuses and URLs it cannot read', () => {
    const draft = { ...draftFrom(stored), maxAttempts: 'three', connectTimeoutMs: '', retryOnStatuses: '429, soon', baseUrl: 'not a url' };
    expect(toRequest(draft, stored).problems).toEqual({
      'retryPolicy.maxAttempts': 'Enter a whole number',
      connectTimeoutMs: 'Enter a number',
      'retryPolicy.retryOnStatuses': 'Enter HTTP status codes separated by commas, e.g. 429, 503',
      baseUrl: 'Enter an http(s) URL, e.g. https://api.example.com/v1',
    });
  });

  it('splits OAuth2 scopes on spaces and commas, and leaves out a blank audience', () => {
    const draft = { ...draftFrom(), authType: 'oauth2_client_credentials' as const, tokenUrl: 'https://auth.example.com/token', clientId: 'conflux', scopes: 'read:a, write:b  admin' };
    expect(toRequest(draft).request.auth).toEqual({
      type: 'oauth2_client_credentials',
      tokenUrl: 'https://auth.example.com/token',
      clientId: 'conflux',
      clientSecret: undefined,
      scopes: ['read:a', 'write:b', 'admin'],
    });
  });
});

describe('catalog errors', () => {
  it('places nested issues by their full path, and lists what still uses a deleted thing', () => {
    const invalid = new ApiError(400, 'Validation failed', [
      { path: ['auth', 'value'], message: 'Too short' },
      { path: ['retryPolicy', 'maxAttempts'], message: 'At most 10' },
      { path: ['rateLimit'], message: 'Elsewhere' },
    ]);
    expect(pathErrors(invalid)).toEqual({ 'auth.value': 'Too short', 'retryPolicy.maxAttempts': 'At most 10', rateLimit: 'Elsewhere' });
    expect(formError(invalid, ['auth.value', 'retryPolicy.maxAttempts'])).toBe('Elsewhere');

    const dependents = [{ type: 'dataflow' as const, key: 'daily-weather', name: 'Daily weather' }];
    const conflict = new ApiError(409, 'The system is used by dataflow "Daily weather".', [], null, {
      statusCode: 409,
      error: 'Conflict',
      message: 'The system is used by dataflow "Daily weather".',
      dependents,
    });
    expect(dependentsOf(conflict)).toEqual(dependents);
    expect(dependentsOf(new ApiError(409, 'This key is taken'))).toEqual([]);
  });
});
