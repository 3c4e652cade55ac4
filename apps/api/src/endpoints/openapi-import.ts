import { dereference, validate } from '@readme/openapi-parser';
import YAML from 'yaml';
import type { EndpointParameter, HttpMethod, ValidationIssue } from '@conflux/contracts';
import { InvalidRequestException } from '../common/error-filter';

export interface ParsedOperation {
  key: string;
  method: HttpMethod;
  path: string;
  summary: string;
  parameters: EndpointParameter[];
  requestSchema: Record<string, unknown> | null;
  responseSchema: Record<string, unknown> | null;
}

export interface ParsedDocument {
  title: string;
  version: string;
  operations: ParsedOperation[];
}

const METHODS: HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
type Json = Record<string, unknown>;

const invalid = (message: string): InvalidRequestException =>
  new InvalidRequestException([{ path: ['document'], message }], 'The OpenAPI document is not valid');

/** JSON or YAML text to an object; a syntax error says the line and column. */
function parseText(text: string): Json {
  const trimmed = text.trimStart();
  try {
    const value: unknown = trimmed.startsWith('{') ? JSON.parse(text) : YAML.parse(text, { prettyErrors: true, maxAliasCount: 100 });
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('The document must be a JSON or YAML object.');
    return value as Json;
  } catch (error) {
    throw invalid(`Cannot read the document: ${(error as Error).message}`);
  }
}

/**
 * Reads an OpenAPI 3 document (JSON or YAML) into the operations Conflux can import.
 * Validation errors say where the document is wrong (the validator points at the line).
 * External $refs are never fetched: a document cannot make the server reach the network.
 */
export async function parseOpenApiDocument(text: string): Promise<ParsedDocument> {
  const document = parseText(text);
  if (typeof document.openapi !== 'string' || !document.openapi.startsWith('3.')) {
    throw invalid(document.swagger ? 'Swagger 2.0 is not supported: convert the document to OpenAPI 3 first.' : 'Not an OpenAPI 3 document: the "openapi" field (e.g. "3.0.3") is missing.');
  }
  const options = { resolve: { external: false }, dereference: { circular: 'ignore' as const } };
  const result = await validate(structuredClone(document) as never, options);
  if (!result.valid) {
    const issues: ValidationIssue[] = result.errors.slice(0, 20).map((error) => ({ path: ['document'], message: error.message }));
    throw new InvalidRequestException(issues, 'The OpenAPI document is not valid');
  }
  const api = (await dereference(structuredClone(document) as never, options)) as unknown as Json;
  const info = (api.info ?? {}) as Json;
  const paths = (api.paths ?? {}) as Record<string, Json>;

  const operations: ParsedOperation[] = [];
  const keys = new Set<string>();
  for (const [path, item] of Object.entries(paths)) {
    const shared = (item.parameters as Json[] | undefined) ?? [];
    for (const method of METHODS) {
      const operation = item[method.toLowerCase()] as Json | undefined;
      if (!operation) continue;
      let key = slug(String(operation.operationId ?? `${method}-${path}`));
      // Two operations may slug to the same key; keep keys unique and stable by order.
      for (let n = 2; keys.has(key); n++) key = `${slug(String(operation.operationId ?? `${method}-${path}`)).slice(0, 95)}-${n}`;
      keys.add(key);
      operations.push({
        key,
        method,
        path,
        summary: String(operation.summary ?? operation.description ?? '').slice(0, 2000),
        parameters: mergeParameters(shared, (operation.parameters as Json[] | undefined) ?? []),
        requestSchema: jsonSchemaOf((operation.requestBody as Json | undefined)?.content),
        responseSchema: successResponseSchema(operation.responses as Json | undefined),
      });
    }
  }
  return { title: String(info.title ?? ''), version: String(info.version ?? ''), operations };
}

function slug(value: string): string {
  const cleaned = value
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return (cleaned || 'operation').slice(0, 100);
}

/** Operation-level parameters override path-level ones with the same name and location; cookies are not supported. */
function mergeParameters(shared: Json[], own: Json[]): EndpointParameter[] {
  const byId = new Map<string, EndpointParameter>();
  for (const parameter of [...shared, ...own]) {
    const location = parameter.in;
    if (location !== 'path' && location !== 'query' && location !== 'header') continue;
    const schema = (parameter.schema ?? {}) as Json;
    const type = ['string', 'number', 'integer', 'boolean', 'array', 'object'].includes(String(schema.type)) ? (schema.type as EndpointParameter['type']) : 'string';
    byId.set(`${location}:${parameter.name}`, {
      name: String(parameter.name),
      in: location,
      type,
      required: location === 'path' ? true : Boolean(parameter.required),
      description: String(parameter.description ?? '').slice(0, 2000),
    });
  }
  return [...byId.values()];
}

function jsonSchemaOf(content: unknown): Record<string, unknown> | null {
  if (!content || typeof content !== 'object') return null;
  const entry = Object.entries(content as Json).find(([type]) => /json/i.test(type));
  const schema = (entry?.[1] as Json | undefined)?.schema;
  return schema && typeof schema === 'object' ? safeJson(schema as Json) : null;
}

function successResponseSchema(responses: Json | undefined): Record<string, unknown> | null {
  if (!responses) return null;
  const status = ['200', '201', '202', '2XX', 'default'].find((code) => code in responses);
  return status ? jsonSchemaOf((responses[status] as Json).content) : null;
}

/** Circular $refs stay as references after dereferencing; cut cycles so the schema can be stored as JSON. */
function safeJson(value: Json): Json {
  const seen = new WeakSet<object>();
  return JSON.parse(
    JSON.stringify(value, (_key, inner: unknown) => {
      if (inner && typeof inner === 'object') {
        if (seen.has(inner)) return { description: '(recursive)' };
        seen.add(inner);
      }
      return inner;
    }),
  ) as Json;
}
