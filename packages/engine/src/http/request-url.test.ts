import { InvalidHttpRequestError } from './errors';
import { buildRequestUrl } from './request-url';

describe('buildRequestUrl', () => {
  const base = new URL('https://api.example/v1/');

  it('appends the path to the base path and adds the query', () => {
    expect(buildRequestUrl(base, '/forecast', { q: 'Oslo', day: ['1', '2'] }).toString()).toBe('https://api.example/v1/forecast?q=Oslo&day=1&day=2');
    expect(buildRequestUrl(new URL('https://api.example/v1'), 'forecast').toString()).toBe('https://api.example/v1/forecast');
    expect(buildRequestUrl(base, '').toString()).toBe('https://api.example/v1');
  });

  it('keeps query parameters of the base URL and of the path', () => {
    expect(buildRequestUrl(new URL('https://api.example/v1?lang=en'), '/items?sort=asc', { page: '2' }).toString()).toBe(
      'https://api.example/v1/items?lang=en&sort=asc&page=2',
    );
  });

  it('keeps values that look like URLs inside the path', () => {
    const url = buildRequestUrl(new URL('https://api.example'), '@evil.example/x');
    expect(url.origin).toBe('https://api.example');
    expect(url.pathname).toBe('/@evil.example/x');
    expect(buildRequestUrl(new URL('https://api.example'), '//evil.example/x').origin).toBe('https://api.example');
  });

  it('refuses paths that climb out of the base path, however they are spelled', () => {
    for (const path of ['/../admin', '/%2e%2e/admin', '/%2E%2E/%2E%2E/etc', '/./../x']) {
      expect(() => buildRequestUrl(base, path)).toThrow(InvalidHttpRequestError);
    }
    expect(buildRequestUrl(base, '/a/../b').pathname).toBe('/v1/b');
  });

  it('refuses fragments and control characters', () => {
    expect(() => buildRequestUrl(base, '/x#frag')).toThrow('request path: must not contain a fragment');
    expect(() => buildRequestUrl(base, '/x\r\nHost: evil')).toThrow('control characters');
  });
});
