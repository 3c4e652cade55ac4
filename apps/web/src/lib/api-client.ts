import { CSRF_HEADER, ErrorBody, type ValidationIssue } from '@conflux/contracts';
import type { z } from 'zod';

/** An error answer of the API, with its field-level issues when the input was invalid. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues: ValidationIssue[] = [],
    /** Seconds to wait before trying again, from Retry-After (429 and 503 answers). */
    readonly retryAfterSeconds: number | null = null,
    /** The whole error body, for answers that say more than ErrorBody (e.g. a 409's `dependents`). */
    readonly body: unknown = undefined,
  ) {
    super(message);
  }
}

/**
 * The CSRF token of the signed-in session. The session fetcher sets it whenever a session
 * loads (and clears it on sign-out); every unsafe request then carries it, because the API
 * refuses cookie-authenticated POST, PUT, PATCH and DELETE without it.
 */
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

type ApiRequest = RequestInit & { acceptStatuses?: number[] };

/**
 * Calls the Conflux API (same origin: the web app proxies /api) and validates the answer
 * against its contract, so a screen never renders a shape it did not expect.
 */
export async function apiFetch<T extends z.ZodType>(path: string, schema: T, init: ApiRequest = {}): Promise<z.infer<T>> {
  return schema.parse(await call(path, init));
}

/** The same for operations that answer without a body (204). */
export async function apiSend(path: string, init: ApiRequest = {}): Promise<void> {
  await call(path, init);
}

async function call(path: string, init: ApiRequest): Promise<unknown> {
  const { acceptStatuses = [], ...request } = init;
  const method = (request.method ?? 'GET').toUpperCase();
  const response = await fetch(`/api${path}`, {
    ...request,
    headers: {
      accept: 'application/json',
      ...(request.body ? { 'content-type': 'application/json' } : {}),
      ...(!SAFE_METHODS.has(method) && csrfToken ? { [CSRF_HEADER]: csrfToken } : {}),
      ...request.headers,
    },
  });
  const body: unknown = response.status === 204 ? undefined : await response.json().catch(() => undefined);
  if (!response.ok && !acceptStatuses.includes(response.status)) {
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
    const error = ErrorBody.safeParse(body);
    throw error.success
      ? new ApiError(response.status, error.data.message, error.data.issues, retryAfter, body)
      : new ApiError(response.status, `The server answered ${response.status}.`, [], retryAfter, body);
  }
  return body;
}

/** Retry-After is either a number of seconds or an HTTP date. */
function parseRetryAfter(value: string | null): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** The field an issue is about: the first segment of its path (a leading "body" is skipped). */
function issueField(path: ReadonlyArray<PropertyKey>): string {
  const parts = path[0] === 'body' && path.length > 1 ? path.slice(1) : path;
  return parts.length > 0 ? String(parts[0]) : '';
}

/** Where an issue points, as a dotted path ("auth.value", "defaultHeaders.0.name"); a leading "body" is skipped. */
export function issuePath(path: ReadonlyArray<PropertyKey>): string {
  const parts = path[0] === 'body' && path.length > 1 ? path.slice(1) : path;
  return parts.map(String).join('.');
}

interface Issue {
  path: ReadonlyArray<PropertyKey>;
  message: string;
}

/** ApiError and ZodError both carry `issues`. */
function hasIssues(error: unknown): error is { issues: Issue[] } {
  return typeof error === 'object' && error !== null && Array.isArray((error as { issues?: unknown }).issues);
}

/** The first message per top-level field, from an API error's issues or a failed zod parse. */
export function fieldErrors(error: unknown): Record<string, string> {
  const issues = hasIssues(error) ? error.issues : [];
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const field = issueField(issue.path);
    if (!(field in errors)) errors[field] = issue.message;
  }
  return errors;
}

/**
 * The first message per full dotted path, for forms with nested fields (`auth.value`,
 * `retryPolicy.maxAttempts`, `parameters.0.name`).
 */
export function pathErrors(error: unknown): Record<string, string> {
  const issues = hasIssues(error) ? error.issues : [];
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const path = issuePath(issue.path);
    if (!(path in errors)) errors[path] = issue.message;
  }
  return errors;
}

/**
 * What to say about an error for the whole form: its message, unless every one of its issues
 * is already shown beside one of `fields` (top-level names, or full dotted paths).
 */
export function formError(error: unknown, fields: readonly string[] = []): string | null {
  if (!error) return null;
  if (error instanceof ApiError && error.issues.length > 0) {
    const elsewhere = error.issues.filter((issue) => !fields.includes(issueField(issue.path)) && !fields.includes(issuePath(issue.path)));
    return elsewhere.length === 0 ? null : elsewhere.map((issue) => issue.message).join(' ');
  }
  return error instanceof Error ? error.message : 'Something went wrong.';
}
