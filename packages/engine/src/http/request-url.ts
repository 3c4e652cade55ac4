import { InvalidHttpRequestError } from './errors';

export type QueryParameters = Record<string, string | string[] | undefined>;

/**
 * The URL of a request: the connector's base URL, the endpoint path appended, then the query.
 * The caller has substituted and percent-encoded path parameters; this still refuses any
 * result that leaves the base URL's origin ("@evil.example/...") or climbs out of its path
 * ("/../admin", or "%2e%2e" which URL parsing treats as ".."), since a parameter value
 * could have been chosen to do exactly that.
 */
export function buildRequestUrl(baseUrl: URL, path: string, query: QueryParameters = {}): URL {
  if (typeof path !== 'string') throw new InvalidHttpRequestError('path', 'must be a string');
  if (path.includes('#')) throw new InvalidHttpRequestError('path', 'must not contain a fragment (#)');
  if (hasControlCharacter(path)) throw new InvalidHttpRequestError('path', 'must not contain control characters');
  const basePath = baseUrl.pathname.replace(/\/+$/, '');
  const relative = path === '' || path.startsWith('/') || path.startsWith('?') ? path : `/${path}`;

  let url: URL;
  try {
    url = new URL(`${baseUrl.origin}${basePath}${relative}`);
  } catch {
    throw new InvalidHttpRequestError('path', 'does not form a valid URL with the connector base URL');
  }
  if (url.origin !== baseUrl.origin || url.username || url.password) {
    throw new InvalidHttpRequestError('path', `must stay on the connector's origin ${baseUrl.origin}`);
  }
  if (basePath && url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`)) {
    throw new InvalidHttpRequestError('path', `must stay under the connector's base path ${basePath}`);
  }

  const merged = new URLSearchParams(baseUrl.search);
  for (const [name, value] of url.searchParams) merged.append(name, value);
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item !== 'string') throw new InvalidHttpRequestError(`query.${name}`, 'must be a string or a list of strings');
      merged.append(name, item);
    }
  }
  url.search = merged.toString();
  return url;
}

function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
