import type { JsonValue } from '../model';
import type { ResolvedConnectorConfig } from './connector-config';
import { basicCredentials, clientCredentialsBasic } from './auth-headers';

export const REDACTED = '[redacted]';

/** A request as run traces and error reports may show it: credentials masked. */
export interface RedactedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** The body as text, cut at a preview length; absent for binary or empty bodies. */
  body?: string;
  bodyBytes: number;
  bodyPreviewTruncated?: boolean;
}

/** Headers whose values are credentials whatever the connector says. */
const ALWAYS_SECRET_HEADERS = ['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'api-key', 'x-auth-token', 'x-access-token'];

/**
 * Query parameters that carry credentials by convention (OAuth tokens, signed-URL
 * signatures): masked even when no connector setting names them, e.g. in a redirect's
 * Location chosen by the upstream.
 */
const ALWAYS_SECRET_QUERY_PARAMS = [
  'access_token',
  'id_token',
  'refresh_token',
  'client_secret',
  'api_key',
  'apikey',
  'password',
  'x-amz-signature',
  'x-amz-credential',
  'x-amz-security-token',
  'x-goog-signature',
  'x-goog-credential',
  'sig',
  'signature',
];

/**
 * Replaces every occurrence of each secret in `text` with `[redacted]`, including the forms a
 * secret takes inside URLs (percent- and form-encoded) and inside JSON strings (escaped).
 */
export function redactSecrets(text: string, secrets: Iterable<string>): string {
  const pattern = secretPattern(secrets);
  return pattern ? text.replace(pattern, REDACTED) : text;
}

export interface RedactorOptions {
  secrets?: Iterable<string>;
  /** Extra header names to mask (case-insensitive). */
  secretHeaderNames?: Iterable<string>;
  /** Extra query parameter names to mask (case-insensitive). */
  secretQueryParams?: Iterable<string>;
}

/** Redaction for one connector's call: its secrets and the header and parameter names that carry them. */
export class Redactor {
  private readonly secrets = new Set<string>();
  private readonly secretHeaderNames: Set<string>;
  private readonly credentialQueryParams: Set<string>;
  private readonly secretQueryParams: Set<string>;
  private pattern: RegExp | null = null;

  constructor(options: RedactorOptions = {}) {
    this.secretHeaderNames = new Set([...ALWAYS_SECRET_HEADERS, ...lowerCased(options.secretHeaderNames ?? [])]);
    this.credentialQueryParams = new Set(lowerCased(options.secretQueryParams ?? []));
    this.secretQueryParams = new Set([...ALWAYS_SECRET_QUERY_PARAMS, ...this.credentialQueryParams]);
    for (const secret of options.secrets ?? []) this.addSecret(secret);
  }

  /** Secrets learned during the call, such as a freshly fetched OAuth2 access token. */
  addSecret(secret: string): void {
    if (!secret || this.secrets.has(secret)) return;
    this.secrets.add(secret);
    this.pattern = secretPattern(this.secrets);
  }

  hasSecrets(): boolean {
    return this.secrets.size > 0;
  }

  isSecretHeader(name: string): boolean {
    return this.secretHeaderNames.has(name.toLowerCase());
  }

  isSecretQueryParam(name: string): boolean {
    return this.secretQueryParams.has(name.toLowerCase());
  }

  /**
   * True for a query parameter that carries this connector's own credential: its API-key
   * parameter, or any value containing one of its secrets. Conventional names alone (a
   * presigned URL's signature) do not count: those belong to the URL's own origin.
   */
  carriesOwnCredential(name: string, value: string): boolean {
    return this.credentialQueryParams.has(name.toLowerCase()) || (value !== '' && this.text(value) !== value);
  }

  text(text: string): string {
    return this.pattern ? text.replace(this.pattern, REDACTED) : text;
  }

  url(url: URL | string): string {
    let parsed: URL;
    try {
      parsed = typeof url === 'string' ? new URL(url) : url;
    } catch {
      return this.text(String(url));
    }
    const userInfo = parsed.username || parsed.password ? `${REDACTED}@` : '';
    const query = [...parsed.searchParams]
      .map(([name, value]) => `${encodeURIComponent(name)}=${this.isSecretQueryParam(name) ? REDACTED : encodeURIComponent(value)}`)
      .join('&');
    // Kept literal (not percent-encoded) so the marker reads the same everywhere.
    return this.text(`${parsed.protocol}//${userInfo}${parsed.host}${parsed.pathname}${query ? `?${query}` : ''}`);
  }

  headers(headers: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
    const redacted: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(headers)) {
      if (value === undefined) continue;
      if (this.isSecretHeader(name)) redacted[name] = REDACTED;
      else redacted[name] = Array.isArray(value) ? value.map((item) => this.text(item)) : this.text(value);
    }
    return redacted;
  }

  json(value: JsonValue): JsonValue {
    if (!this.pattern) return value;
    if (typeof value === 'string') return this.text(value);
    if (Array.isArray(value)) return value.map((item) => this.json(item));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [this.text(key), this.json(item)]));
    }
    return value;
  }

  /** A copy of an error with a redacted message, safe to attach as a cause. */
  error(error: unknown): Error {
    const original = error instanceof Error ? error : new Error(String(error));
    const copy = new Error(this.text(original.message));
    copy.name = original.name;
    const code = (original as { code?: unknown }).code;
    if (typeof code === 'string') (copy as Error & { code: string }).code = code;
    copy.stack = `${copy.name}: ${copy.message}`;
    return copy;
  }
}

/** The redactor for a connector's calls: every secret of its auth and secret default headers. */
export function redactorForConnector(connector: Pick<ResolvedConnectorConfig, 'auth' | 'defaultHeaders'>): Redactor {
  const secrets: string[] = [];
  const secretHeaderNames: string[] = [];
  const secretQueryParams: string[] = [];
  const { auth } = connector;
  switch (auth.type) {
    case 'api_key':
      secrets.push(auth.value);
      (auth.in === 'header' ? secretHeaderNames : secretQueryParams).push(auth.name);
      break;
    case 'bearer':
      secrets.push(auth.token);
      break;
    case 'basic':
      // The encoded pair is what travels; a server echoing the header would reveal it.
      secrets.push(auth.password, basicCredentials(auth.username, auth.password));
      break;
    case 'oauth2_client_credentials':
      secrets.push(auth.clientSecret, clientCredentialsBasic(auth.clientId, auth.clientSecret));
      break;
    case 'none':
      break;
  }
  for (const header of connector.defaultHeaders) {
    if (!header.secret) continue;
    secrets.push(header.value);
    secretHeaderNames.push(header.name);
  }
  return new Redactor({ secrets, secretHeaderNames, secretQueryParams });
}

function secretPattern(secrets: Iterable<string>): RegExp | null {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (!secret) continue;
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
    forms.add(new URLSearchParams({ s: secret }).toString().slice(2));
    forms.add(JSON.stringify(secret).slice(1, -1));
  }
  if (forms.size === 0) return null;
  // Longest first, so a secret that contains another is replaced whole.
  const alternatives = [...forms].sort((a, b) => b.length - a.length).map(escapeRegExp);
  return new RegExp(alternatives.join('|'), 'g');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

function lowerCased(names: Iterable<string>): string[] {
  return [...names].map((name) => name.toLowerCase());
}
