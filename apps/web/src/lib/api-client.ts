import { ErrorBody, type ValidationIssue } from '@conflux/contracts';
import type { z } from 'zod';

/** An error answer of the API, with its field-level issues when the input was invalid. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues: ValidationIssue[] = [],
  ) {
    super(message);
  }
}

/**
 * Calls the Conflux API (same origin: the web app proxies /api) and validates the answer
 * against its contract, so a screen never renders a shape it did not expect.
 */
export async function apiFetch<T extends z.ZodType>(
  path: string,
  schema: T,
  init: RequestInit & { acceptStatuses?: number[] } = {},
): Promise<z.infer<T>> {
  const { acceptStatuses = [], ...request } = init;
  const response = await fetch(`/api${path}`, {
    ...request,
    headers: { accept: 'application/json', ...(request.body ? { 'content-type': 'application/json' } : {}), ...request.headers },
  });
  const body: unknown = response.status === 204 ? undefined : await response.json().catch(() => undefined);
  if (!response.ok && !acceptStatuses.includes(response.status)) {
    const error = ErrorBody.safeParse(body);
    throw error.success
      ? new ApiError(response.status, error.data.message, error.data.issues)
      : new ApiError(response.status, `The server answered ${response.status}.`);
  }
  return schema.parse(body);
}
