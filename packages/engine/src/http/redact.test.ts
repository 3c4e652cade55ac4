import { REDACTED, Redactor, redactorForConnector, redactSecrets } from './redact';

describe('redactSecrets', () => {
  it('replaces every occurrence, longest secret first', () => {
    expect(redactSecrets('key=abc123 and again abc123, prefix abc', ['abc', 'abc123'])).toBe('key=[redacted] and again [redacted], prefix [redacted]');
  });

  it('finds secrets in their URL-encoded and JSON-escaped forms', () => {
    const secret = 'p@ss w/"quote"';
    expect(redactSecrets(`https://x/?p=${encodeURIComponent(secret)}`, [secret])).toBe('https://x/?p=[redacted]');
    expect(redactSecrets(`?p=${new URLSearchParams({ p: secret }).toString().slice(2)}`, [secret])).toBe('?p=[redacted]');
    expect(redactSecrets(JSON.stringify({ p: secret }), [secret])).toBe('{"p":"[redacted]"}');
  });

  it('treats secrets literally, not as patterns', () => {
    expect(redactSecrets('a.b and axb', ['a.b'])).toBe('[redacted] and axb');
  });

  it('ignores empty secrets', () => {
    expect(redactSecrets('text', ['', 'zzz'])).toBe('text');
  });
});

describe('Redactor', () => {
  const redactor = new Redactor({ secrets: ['s3cr3t'], secretHeaderNames: ['X-Api-Key'], secretQueryParams: ['key'] });

  it('masks credential headers by name and secret values anywhere', () => {
    expect(
      redactor.headers({ Authorization: 'Bearer abc', cookie: 'a=b', 'x-api-key': 'k', 'set-cookie': ['a', 'b'], 'x-echo': 'has s3cr3t inside', accept: '*/*' }),
    ).toEqual({ Authorization: REDACTED, cookie: REDACTED, 'x-api-key': REDACTED, 'set-cookie': REDACTED, 'x-echo': 'has [redacted] inside', accept: '*/*' });
  });

  it('masks credential query parameters and user info in URLs', () => {
    expect(redactor.url('https://user:pw@api.example/v1/s3cr3t/items?key=abc&access_token=t&page=2')).toBe(
      'https://[redacted]@api.example/v1/[redacted]/items?key=[redacted]&access_token=[redacted]&page=2',
    );
  });

  it('masks secrets inside JSON values and keys', () => {
    expect(redactor.json({ list: ['s3cr3t', 1, null], nested: { s3cr3t: 'x s3cr3t' } })).toEqual({ list: [REDACTED, 1, null], nested: { [REDACTED]: 'x [redacted]' } });
  });

  it('copies errors with a redacted message and the original code', () => {
    const copy = redactor.error(Object.assign(new Error('failed with s3cr3t'), { code: 'ECONNRESET' }));
    expect(copy.message).toBe('failed with [redacted]');
    expect(copy.stack).not.toContain('s3cr3t');
    expect((copy as Error & { code: string }).code).toBe('ECONNRESET');
  });

  it('knows which query parameters carry the connector\'s own credentials', () => {
    expect(redactor.carriesOwnCredential('KEY', 'anything')).toBe(true);
    expect(redactor.carriesOwnCredential('next', 'x-s3cr3t-y')).toBe(true);
    // A presigned URL's signature belongs to its own origin: masked in traces, but kept.
    expect(redactor.carriesOwnCredential('X-Amz-Signature', 'abc')).toBe(false);
    expect(redactor.url('https://bucket.example/f?X-Amz-Signature=abc')).toBe('https://bucket.example/f?X-Amz-Signature=[redacted]');
  });

  it('learns secrets during a call', () => {
    const learning = new Redactor();
    expect(learning.text('token-1')).toBe('token-1');
    learning.addSecret('token-1');
    expect(learning.text('Bearer token-1')).toBe('Bearer [redacted]');
  });
});

describe('redactorForConnector', () => {
  it('covers every secret of the auth and the secret default headers, and the encoded Basic pair', () => {
    const basicPair = Buffer.from('me:pw-123').toString('base64');
    const redactor = redactorForConnector({
      auth: { type: 'basic', username: 'me', password: 'pw-123' },
      defaultHeaders: [
        { name: 'X-Tenant', value: 'tenant-secret', secret: true },
        { name: 'X-Plain', value: 'visible', secret: false },
      ],
    });
    expect(redactor.text(`pw-123 ${basicPair} tenant-secret visible me`)).toBe('[redacted] [redacted] [redacted] visible me');
    expect(redactor.isSecretHeader('x-tenant')).toBe(true);
    expect(redactor.isSecretHeader('X-Plain')).toBe(false);
  });

  it('masks the API key parameter by name', () => {
    const redactor = redactorForConnector({ auth: { type: 'api_key', in: 'query', name: 'appid', value: 'k-1' }, defaultHeaders: [] });
    expect(redactor.url('https://api.example/weather?q=Oslo&appid=k-1')).toBe('https://api.example/weather?q=Oslo&appid=[redacted]');
  });
});
