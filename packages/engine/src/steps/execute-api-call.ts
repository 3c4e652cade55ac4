import { createHash } from 'node:crypto';
import type { Pagination, Step } from '@conflux/contracts';
import { setPath } from '../dataflows/model-path';
import { evaluateExpression } from '../expressions';
import { HttpClientError, type ConnectorRuntimeConfig, type HttpResponse } from '../http';
import type { JsonValue } from '../model';
import { expandPathTemplate, MissingPathParameterError } from '../path-template';
import { evaluateMapping } from './mapping';
import { StepError, type StepContext, type StepOutcome } from './step-context';

type ApiCallStep = Extract<Step, { type: 'execute_api_call' }>;
type Query = Record<string, string | string[]>;

interface PreparedRequest {
  path: string;
  query: Query;
  headers: Record<string, string>;
  body: JsonValue | undefined;
}

/**
 * The Execute API call step: the parameters mapping fills the endpoint's path template,
 * query, headers and body; the request goes through the shared HTTP client (the connector's
 * auth, retries, rate limit, timeouts, size cap, egress policy); the response, or the chosen
 * part of it, lands in the result store field. Pages are fetched and their items joined
 * when pagination is configured.
 */
export async function executeApiCallStep(context: StepContext<ApiCallStep>): Promise<StepOutcome> {
  const { step, model, services, signal } = context;
  const config = step.config;
  const [connector, endpoint] = await Promise.all([services.catalog.connector(config.connectorId), services.catalog.endpoint(config.endpointId)]);
  if (!endpoint.methods.includes(config.method)) throw new StepError(`${endpoint.path} does not allow ${config.method} (it allows ${endpoint.methods.join(', ')})`);

  const prepared = await prepare(endpoint.path, config, model);
  const idempotencyKey = idempotencyHeader(connector, context.runId, step.id);
  const send = async (request: PreparedRequest, page: number) => {
    const headers = { ...request.headers };
    // The same key on every execution of this step of this run (a resumed run included),
    // so the upstream can recognise a repeated write.
    if (idempotencyKey) headers[idempotencyKey.header] = page === 0 ? idempotencyKey.value : `${idempotencyKey.value}-${page}`;
    try {
      return await services.http.request(connector, { method: config.method, path: request.path, query: request.query, headers, body: request.body, signal });
    } catch (error) {
      if (error instanceof HttpClientError) {
        throw new StepError(error.message, { request: (error.request ?? null) as unknown as JsonValue, attempts: error.attempts });
      }
      throw error;
    }
  };

  const traces: Array<{ request: JsonValue; response: JsonValue }> = [];
  const trace = (response: HttpResponse) =>
    traces.push({
      request: response.request as unknown as JsonValue,
      response: {
        status: response.status,
        headers: response.headers,
        body: truncateForTrace(response.body, services.traceBodyLimit),
        truncated: response.truncated,
        durationMs: response.durationMs,
      },
    });

  let attempts = 0;
  const checked = (response: HttpResponse) => {
    attempts += response.attempts;
    trace(response);
    if (!statusMatches(response.status, config.successStatuses)) {
      throw new StepError(`The API answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''} (expected ${config.successStatuses})`, {
        request: traces.at(-1)!.request,
        response: traces.at(-1)!.response,
        attempts,
      });
    }
    return response;
  };

  let result: JsonValue;
  if (config.pagination.type === 'none') {
    const response = checked(await send(prepared, 0));
    result = await selectResult(config, response);
  } else {
    result = await paginate(config.pagination, prepared, connector, async (request, page) => checked(await send(request, page)));
  }
  if (result !== undefined) setPath(model, config.resultStoreField, result);
  const last = traces.at(-1);
  return {
    model,
    request: traces.length === 1 ? last!.request : (traces.map((t) => t.request) as JsonValue),
    response: traces.length === 1 ? last!.response : (traces.map((t) => t.response) as JsonValue),
    attempts,
  };
}

async function prepare(template: string, config: ApiCallStep['config'], model: unknown): Promise<PreparedRequest> {
  const pathValues: Record<string, unknown> = {};
  const query: Query = {};
  const headers: Record<string, string> = {};
  let body: JsonValue | undefined;
  for (const parameter of config.parameters) {
    const value = await evaluateMapping(parameter.value, model, `${parameter.in} parameter ${parameter.name || '(body)'}`);
    if (value === undefined) continue;
    switch (parameter.in) {
      case 'path':
        pathValues[parameter.name] = value;
        break;
      case 'query':
        query[parameter.name] = Array.isArray(value) ? value.map(asText) : asText(value);
        break;
      case 'header':
        headers[parameter.name] = asText(value);
        break;
      case 'body':
        if (!parameter.name) body = value;
        else {
          if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) body = {};
          setPath(body as Record<string, JsonValue>, parameter.name, value);
        }
        break;
    }
  }
  try {
    return { path: expandPathTemplate(template, pathValues), query, headers, body };
  } catch (error) {
    if (error instanceof MissingPathParameterError) throw new StepError(`${error.message} Map it in the parameters mapping.`);
    throw error;
  }
}

function asText(value: JsonValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** "2xx", "200,201,404" */
export function statusMatches(status: number, pattern: string): boolean {
  return pattern.split(',').some((part) => {
    const token = part.trim().toLowerCase();
    return token.endsWith('xx') ? Math.floor(status / 100) === Number(token[0]) : Number(token) === status;
  });
}

async function selectResult(config: ApiCallStep['config'], response: HttpResponse): Promise<JsonValue> {
  const full = { status: response.status, headers: response.headers, body: response.body } as JsonValue;
  switch (config.result.kind) {
    case 'response':
      return full;
    case 'body':
      return response.body;
    case 'expression':
      try {
        return ((await evaluateExpression(config.result.source, full)) ?? null) as JsonValue;
      } catch (error) {
        throw new StepError(`result: ${(error as Error).message}`);
      }
  }
}

/**
 * Fetches pages until the API says there are no more (no next URL or cursor, an empty page),
 * a next URL or cursor repeats (an API that would loop forever), or the page cap is reached.
 */
async function paginate(
  pagination: Exclude<Pagination, { type: 'none' }>,
  first: PreparedRequest,
  connector: ConnectorRuntimeConfig,
  fetchPage: (request: PreparedRequest, page: number) => Promise<HttpResponse>,
): Promise<JsonValue> {
  const items: JsonValue[] = [];
  const seen = new Set<string>();
  let request: PreparedRequest = first;
  for (let page = 0; page < pagination.maxPages; page++) {
    if (pagination.type === 'page') request = { ...request, query: { ...request.query, [pagination.parameter]: String(pagination.firstPage + page) } };
    if (pagination.type === 'offset') {
      request = {
        ...request,
        query: { ...request.query, [pagination.parameter]: String(page * pagination.limit), [pagination.limitParameter]: String(pagination.limit) },
      };
    }
    const response = await fetchPage(request, page);
    const scope = { status: response.status, headers: response.headers, body: response.body };
    const pageItems = await evaluate(pagination.items, scope, 'pagination items');
    const list = pageItems === undefined || pageItems === null ? [] : Array.isArray(pageItems) ? pageItems : [pageItems];
    items.push(...(list as JsonValue[]));
    if (list.length === 0) break;
    if (pagination.type === 'offset' && list.length < pagination.limit) break;

    if (pagination.type === 'next_url' || pagination.type === 'cursor') {
      const next = await evaluate(pagination.type === 'next_url' ? pagination.nextUrl : pagination.nextCursor, scope, 'next page');
      if (next === undefined || next === null || next === '') break;
      const marker = String(next);
      if (seen.has(marker)) break;
      seen.add(marker);
      request =
        pagination.type === 'cursor'
          ? { ...request, query: { ...request.query, [pagination.parameter]: marker } }
          : { ...request, ...relativeToConnector(marker, connector) };
    }
  }
  return items;
}

async function evaluate(source: string, scope: unknown, what: string): Promise<unknown> {
  try {
    return await evaluateExpression(source, scope);
  } catch (error) {
    throw new StepError(`${what}: ${(error as Error).message}`);
  }
}

/** A next-page URL must stay on the connector's origin; it becomes a path and query for the client. */
function relativeToConnector(next: string, connector: ConnectorRuntimeConfig): { path: string; query: Query } {
  const base = new URL(connector.baseUrl);
  const url = new URL(next, base.href.endsWith('/') ? base.href : `${base.href}/`);
  if (url.origin !== base.origin) throw new StepError(`The next page URL leaves the connector's origin (${url.origin}); refused.`);
  const basePath = base.pathname.replace(/\/$/, '');
  const path = basePath && url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length) || '/' : url.pathname;
  const query: Query = {};
  for (const [name, value] of url.searchParams) {
    const existing = query[name];
    query[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return { path, query };
}

function idempotencyHeader(connector: ConnectorRuntimeConfig, runId: string, stepId: string) {
  const header = connector.retryPolicy?.idempotencyKeyHeader;
  if (!header) return null;
  const hash = createHash('sha256').update(`${runId}:${stepId}`).digest('hex');
  return { header, value: `${hash.slice(0, 8)}-${hash.slice(8, 12)}-${hash.slice(12, 16)}-${hash.slice(16, 20)}-${hash.slice(20, 32)}` };
}

/** Bodies in run traces are cut to a length, keeping JSON readable where it fits. */
export function truncateForTrace(body: JsonValue, limit: number): JsonValue {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  if (text === undefined || text.length <= limit) return body;
  return `${text.slice(0, limit)}… [truncated: ${text.length - limit} more characters]`;
}
