import { z } from 'zod';
import { PageQuery, pageOf } from './pagination';

/** Stable identifiers that bundles use instead of database ids. */
export const Key = z
  .string()
  .trim()
  .min(1, 'Enter a key')
  .max(100)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'Use lowercase letters, digits, - and _, starting with a letter or digit');

const Name = z.string().trim().min(1, 'Enter a name').max(200);
const LongText = z.string().max(10_000);

// ---------------------------------------------------------------- systems

export const SystemSummary = z.object({
  id: z.string().uuid(),
  key: z.string(),
  name: z.string(),
  description: z.string(),
  ownerNotes: z.string(),
  connectorCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SystemSummary = z.infer<typeof SystemSummary>;

export const SystemListQuery = PageQuery.extend({ search: z.string().trim().max(200).optional() });
export type SystemListQuery = z.infer<typeof SystemListQuery>;
export const SystemList = pageOf(SystemSummary);
export type SystemList = z.infer<typeof SystemList>;

export const CreateSystemRequest = z.object({
  key: Key,
  name: Name,
  description: LongText.default(''),
  ownerNotes: LongText.default(''),
});
export type CreateSystemRequest = z.input<typeof CreateSystemRequest>;
export const UpdateSystemRequest = z.object({ key: Key, name: Name, description: LongText, ownerNotes: LongText }).partial();
export type UpdateSystemRequest = z.infer<typeof UpdateSystemRequest>;

/** 409 body when something still uses what is being deleted. */
export const Dependent = z.object({ type: z.enum(['dataflow', 'form', 'component']), key: z.string(), name: z.string() });
export type Dependent = z.infer<typeof Dependent>;
export const ConflictBody = z.object({
  statusCode: z.literal(409),
  error: z.string(),
  message: z.string(),
  dependents: z.array(Dependent).optional(),
});

// ---------------------------------------------------------------- connectors

/**
 * A secret in a write request: a string sets it, null clears it, absent keeps what is
 * stored. Secrets are never part of a response: responses say `set: true|false` instead.
 */
const SecretInput = z.string().min(1).max(10_000).nullable().optional();
const SecretState = z.object({ set: z.boolean() });

const HeaderName = z.string().trim().min(1).max(200).regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'Not a valid header name');

export const ConnectorAuthInput = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }),
  z.object({ type: z.literal('api_key'), in: z.enum(['header', 'query']), name: z.string().trim().min(1).max(200), value: SecretInput }),
  z.object({ type: z.literal('bearer'), token: SecretInput }),
  z.object({ type: z.literal('basic'), username: z.string().min(1).max(500), password: SecretInput }),
  z.object({
    type: z.literal('oauth2_client_credentials'),
    tokenUrl: z.url({ protocol: /^https?$/, error: 'Enter an http(s) URL' }),
    clientId: z.string().min(1).max(500),
    clientSecret: SecretInput,
    scopes: z.array(z.string().min(1).max(200)).max(50).default([]),
    audience: z.string().max(500).optional(),
  }),
]);
export type ConnectorAuthInput = z.input<typeof ConnectorAuthInput>;

export const ConnectorAuth = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }),
  z.object({ type: z.literal('api_key'), in: z.enum(['header', 'query']), name: z.string(), value: SecretState }),
  z.object({ type: z.literal('bearer'), token: SecretState }),
  z.object({ type: z.literal('basic'), username: z.string(), password: SecretState }),
  z.object({
    type: z.literal('oauth2_client_credentials'),
    tokenUrl: z.string(),
    clientId: z.string(),
    clientSecret: SecretState,
    scopes: z.array(z.string()),
    audience: z.string().optional(),
  }),
]);
export type ConnectorAuth = z.infer<typeof ConnectorAuth>;

export const HeaderInput = z.object({ name: HeaderName, value: SecretInput, secret: z.boolean().default(false) });
export const Header = z.object({ name: z.string(), secret: z.boolean(), value: z.string().optional(), set: z.boolean() });
export type Header = z.infer<typeof Header>;

export const RETRYABLE_STATUSES = [408, 429, 500, 502, 503, 504];

export const RetryPolicy = z.object({
  maxAttempts: z.number().int().min(1).max(10).default(3),
  baseDelayMs: z.number().int().min(0).max(60_000).default(200),
  maxDelayMs: z.number().int().min(0).max(300_000).default(10_000),
  retryOnStatuses: z.array(z.number().int().min(100).max(599)).max(50).default(RETRYABLE_STATUSES),
  retryNetworkErrors: z.boolean().default(true),
  /** POST, PUT, PATCH and DELETE are retried only when marked safe or sent with an idempotency key. */
  retryUnsafeMethods: z.boolean().default(false),
  idempotencyKeyHeader: HeaderName.optional(),
});
export type RetryPolicy = z.infer<typeof RetryPolicy>;

export const RateLimit = z.object({
  requests: z.number().int().min(1).max(1_000_000),
  intervalMs: z.number().int().min(100).max(86_400_000),
});
export type RateLimit = z.infer<typeof RateLimit>;

const BaseUrl = z
  .url({ protocol: /^https?$/, error: 'Enter an http(s) URL, e.g. https://api.example.com/v1' })
  // zod runs refinements even after the URL check failed: only look inside what parses.
  .refine((value) => !URL.canParse(value) || (!new URL(value).username && !new URL(value).password), 'Put credentials in the authentication settings, not in the URL')
  .refine((value) => !URL.canParse(value) || (!new URL(value).search && !new URL(value).hash), 'The base URL cannot have a query or fragment');

/** Every connector setting, without defaults: updates must not reset what they leave out. */
const ConnectorFields = z.object({
  key: Key,
  name: Name,
  baseUrl: BaseUrl,
  auth: ConnectorAuthInput,
  defaultHeaders: z.array(HeaderInput).max(50),
  connectTimeoutMs: z.number().int().min(100).max(60_000),
  totalTimeoutMs: z.number().int().min(100).max(300_000),
  retryPolicy: RetryPolicy,
  rateLimit: RateLimit.nullable(),
  maxResponseBytes: z.number().int().min(1_024).max(100 * 1024 * 1024),
  testPath: z.string().startsWith('/', 'Start with /').max(2_000),
});

export const CreateConnectorRequest = ConnectorFields.extend({
  auth: ConnectorFields.shape.auth.default({ type: 'none' }),
  defaultHeaders: ConnectorFields.shape.defaultHeaders.default([]),
  connectTimeoutMs: ConnectorFields.shape.connectTimeoutMs.default(5_000),
  totalTimeoutMs: ConnectorFields.shape.totalTimeoutMs.default(30_000),
  retryPolicy: RetryPolicy.default(RetryPolicy.parse({})),
  rateLimit: ConnectorFields.shape.rateLimit.default(null),
  maxResponseBytes: ConnectorFields.shape.maxResponseBytes.default(10 * 1024 * 1024),
  testPath: ConnectorFields.shape.testPath.default('/'),
});
export type CreateConnectorRequest = z.input<typeof CreateConnectorRequest>;
export const UpdateConnectorRequest = ConnectorFields.partial();
export type UpdateConnectorRequest = z.input<typeof UpdateConnectorRequest>;

export const Connector = z.object({
  id: z.string().uuid(),
  systemId: z.string().uuid(),
  key: z.string(),
  name: z.string(),
  baseUrl: z.string(),
  auth: ConnectorAuth,
  defaultHeaders: z.array(Header),
  connectTimeoutMs: z.number().int(),
  totalTimeoutMs: z.number().int(),
  retryPolicy: RetryPolicy,
  rateLimit: RateLimit.nullable(),
  maxResponseBytes: z.number().int(),
  testPath: z.string(),
  endpointCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Connector = z.infer<typeof Connector>;
export const ConnectorList = z.object({ items: z.array(Connector) });
export type ConnectorList = z.infer<typeof ConnectorList>;

export const SystemDetail = SystemSummary.extend({ connectors: z.array(Connector) });
export type SystemDetail = z.infer<typeof SystemDetail>;

/** What "Test connection" and "Try it" show: secrets are masked in everything here. */
export const OutboundResult = z.object({
  ok: z.boolean(),
  request: z.object({ method: z.string(), url: z.string(), headers: z.record(z.string(), z.string()) }),
  status: z.number().int().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.unknown().optional(),
  truncated: z.boolean().optional(),
  attempts: z.number().int(),
  durationMs: z.number(),
  error: z.string().optional(),
});
export type OutboundResult = z.infer<typeof OutboundResult>;

// ---------------------------------------------------------------- endpoints

export const HttpMethod = z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
export type HttpMethod = z.infer<typeof HttpMethod>;

export const ParameterType = z.enum(['string', 'number', 'integer', 'boolean', 'array', 'object']);
export const EndpointParameter = z.object({
  name: z.string().trim().min(1).max(200),
  in: z.enum(['path', 'query', 'header']),
  type: ParameterType.default('string'),
  required: z.boolean().default(false),
  description: z.string().max(2_000).default(''),
});
export type EndpointParameter = z.infer<typeof EndpointParameter>;

const JsonSchemaDocument = z.record(z.string(), z.unknown());

/** Every endpoint setting, without defaults: updates must not reset what they leave out. */
const EndpointFields = z.object({
  key: Key,
  path: z
    .string()
    .trim()
    .startsWith('/', 'Start with /')
    .max(2_000)
    .regex(/^[^?#\s]*$/, 'A path template has no query, fragment or spaces'),
  methods: z.array(HttpMethod).min(1, 'Allow at least one method'),
  summary: z.string().max(2_000),
  parameters: z.array(EndpointParameter).max(200),
  requestSchema: JsonSchemaDocument.nullable(),
  responseSchema: JsonSchemaDocument.nullable(),
});

/** `{name}` placeholders of a path template. */
export function pathPlaceholders(path: string): string[] {
  return [...path.matchAll(/\{([^{}]+)\}/g)].map((match) => match[1]!);
}

const checkPlaceholders = (endpoint: { path?: string; parameters?: EndpointParameter[] }, ctx: z.RefinementCtx) => {
  if (endpoint.path === undefined || endpoint.parameters === undefined) return;
  const placeholders = pathPlaceholders(endpoint.path);
  const declared = endpoint.parameters.filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name);
  for (const name of placeholders.filter((name) => !declared.includes(name))) {
    ctx.addIssue({ code: 'custom', path: ['parameters'], message: `Describe the path parameter {${name}}` });
  }
  for (const name of declared.filter((name) => !placeholders.includes(name))) {
    ctx.addIssue({ code: 'custom', path: ['path'], message: `The path has no {${name}} placeholder` });
  }
};

export const CreateEndpointRequest = EndpointFields.extend({
  summary: EndpointFields.shape.summary.default(''),
  parameters: EndpointFields.shape.parameters.default([]),
  requestSchema: EndpointFields.shape.requestSchema.default(null),
  responseSchema: EndpointFields.shape.responseSchema.default(null),
}).superRefine(checkPlaceholders);
export type CreateEndpointRequest = z.input<typeof CreateEndpointRequest>;
export const UpdateEndpointRequest = EndpointFields.partial().superRefine(checkPlaceholders);
export type UpdateEndpointRequest = z.input<typeof UpdateEndpointRequest>;

export const Endpoint = z.object({
  id: z.string().uuid(),
  connectorId: z.string().uuid(),
  key: z.string(),
  path: z.string(),
  methods: z.array(HttpMethod),
  summary: z.string(),
  parameters: z.array(EndpointParameter),
  requestSchema: JsonSchemaDocument.nullable(),
  responseSchema: JsonSchemaDocument.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Endpoint = z.infer<typeof Endpoint>;
export const EndpointList = z.object({ items: z.array(Endpoint) });
export type EndpointList = z.infer<typeof EndpointList>;

/** An OpenAPI 3 document as uploaded or pasted: JSON or YAML text. */
export const OpenApiImportPreviewRequest = z.object({ document: z.string().min(1, 'Paste or upload a document').max(5_000_000) });
export type OpenApiImportPreviewRequest = z.infer<typeof OpenApiImportPreviewRequest>;

export const ImportableOperation = z.object({
  key: z.string(),
  method: HttpMethod,
  path: z.string(),
  summary: z.string(),
  parameters: z.array(EndpointParameter),
  /** An endpoint with this key already exists on the connector: importing updates it. */
  exists: z.boolean(),
});
export type ImportableOperation = z.infer<typeof ImportableOperation>;

export const OpenApiImportPreview = z.object({
  title: z.string(),
  version: z.string(),
  operations: z.array(ImportableOperation),
});
export type OpenApiImportPreview = z.infer<typeof OpenApiImportPreview>;

export const OpenApiImportRequest = OpenApiImportPreviewRequest.extend({
  operationKeys: z.array(z.string()).min(1, 'Choose at least one operation'),
});
export type OpenApiImportRequest = z.infer<typeof OpenApiImportRequest>;
export const OpenApiImportResult = z.object({ created: z.number().int(), updated: z.number().int(), endpoints: z.array(Endpoint) });
export type OpenApiImportResult = z.infer<typeof OpenApiImportResult>;

/** "Try it": values for the endpoint's parameters and an optional JSON body. */
export const TryEndpointRequest = z.object({
  method: HttpMethod,
  path: z.record(z.string(), z.string()).default({}),
  query: z.record(z.string(), z.union([z.string(), z.array(z.string())])).default({}),
  headers: z.record(z.string(), z.string()).default({}),
  body: z.unknown().optional(),
});
export type TryEndpointRequest = z.input<typeof TryEndpointRequest>;
