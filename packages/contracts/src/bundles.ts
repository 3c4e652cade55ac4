import { z } from 'zod';
import { CreateConnectorRequest, CreateEndpointRequest, Key } from './catalog';
import { CreateComponentRequest, FormField } from './components';
import { DataflowDefinition, ExecuteApiCallStep, ExecuteScriptStep, FilterStep, InputStep, TransformModelStep, UpdateEntryStep, WriteResponseStep } from './dataflows';
import type { ValidationIssue } from './errors';

/**
 * A component bundle: configuration that travels between installations as one JSON file.
 *
 * - Everything is addressed by stable keys, never by database ids: a dataflow step names its
 *   `system`, `connector` (unique within its system), `endpoint` (unique within its connector)
 *   and `component` by key; a form names its dataflow by key.
 * - Secrets are never part of a bundle: a connector lists the secrets it needs
 *   (`secrets: ["auth.value", "header:x-signature"]`) and the importing admin supplies them.
 * - `formatVersion` grows when the shape changes; older bundles are upgraded on import by
 *   the explicit steps in BUNDLE_UPGRADES.
 */
export const BUNDLE_FORMAT = 'conflux.bundle';
export const BUNDLE_FORMAT_VERSION = 1;
/** Bundles are uploaded as JSON bodies; the API refuses larger ones with 413. */
export const BUNDLE_MAX_BYTES = 10 * 1024 * 1024;

/** A reference to another object by its key (checked against the bundle and the installation). */
const Ref = z.string().trim().min(1, 'Name the key').max(100);

// ---------------------------------------------------------------- systems, connectors, endpoints

/** The authentication of a connector without its secret: the secret is listed in `secrets`. */
export const BundleConnectorAuth = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('none') }),
  z.strictObject({ type: z.literal('api_key'), in: z.enum(['header', 'query']), name: z.string().trim().min(1).max(200) }),
  z.strictObject({ type: z.literal('bearer') }),
  z.strictObject({ type: z.literal('basic'), username: z.string().min(1).max(500) }),
  z.strictObject({
    type: z.literal('oauth2_client_credentials'),
    tokenUrl: z.url({ protocol: /^https?$/, error: 'Enter an http(s) URL' }),
    clientId: z.string().min(1).max(500),
    scopes: z.array(z.string().min(1).max(200)).max(50).default([]),
    audience: z.string().max(500).optional(),
  }),
]);
export type BundleConnectorAuth = z.infer<typeof BundleConnectorAuth>;

/** The name of the secret each auth type needs, as listed in a connector's `secrets`. */
export const AUTH_SECRET_NAME = {
  none: null,
  api_key: 'auth.value',
  bearer: 'auth.token',
  basic: 'auth.password',
  oauth2_client_credentials: 'auth.clientSecret',
} as const;

/** `header:<lower-case name>` for a secret default header. */
export const headerSecretName = (header: string) => `header:${header.toLowerCase()}`;

/** The secrets a connector needs: its auth secret, then one per secret default header. */
export function connectorSecretNames(connector: { auth: { type: keyof typeof AUTH_SECRET_NAME }; defaultHeaders: Array<{ name: string; secret: boolean }> }): string[] {
  const auth = AUTH_SECRET_NAME[connector.auth.type];
  return [...(auth ? [auth] : []), ...connector.defaultHeaders.filter((header) => header.secret).map((header) => headerSecretName(header.name))];
}

export const BundleHeader = z
  .strictObject({
    name: z.string().trim().min(1).max(200).regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'Not a valid header name'),
    secret: z.boolean().default(false),
    /** Only for headers that are not secret. */
    value: z.string().max(10_000).optional(),
  })
  .superRefine((header, ctx) => {
    if (header.secret && header.value !== undefined) ctx.addIssue({ code: 'custom', path: ['value'], message: 'A bundle never carries the value of a secret header' });
  });

export const BundleEndpoint = CreateEndpointRequest;
export type BundleEndpoint = z.infer<typeof BundleEndpoint>;

const connector = CreateConnectorRequest.shape;
export const BundleConnector = z.object({
  key: Key,
  name: connector.name,
  baseUrl: connector.baseUrl,
  auth: BundleConnectorAuth.default({ type: 'none' }),
  /** The secrets the importing admin must supply ("auth.value", "header:x-signature"...). */
  secrets: z
    .array(z.string().regex(/^(auth\.(value|token|password|clientSecret)|header:[!#$%&'*+.^_`|~0-9a-z-]+)$/, 'Use auth.<field> or header:<lower-case name>'))
    .max(60)
    .default([]),
  defaultHeaders: z.array(BundleHeader).max(50).default([]),
  connectTimeoutMs: connector.connectTimeoutMs,
  totalTimeoutMs: connector.totalTimeoutMs,
  retryPolicy: connector.retryPolicy,
  rateLimit: connector.rateLimit,
  maxResponseBytes: connector.maxResponseBytes,
  testPath: connector.testPath,
  endpoints: z.array(BundleEndpoint).max(1_000).default([]),
});
export type BundleConnector = z.infer<typeof BundleConnector>;

export const BundleSystem = z.object({
  key: Key,
  name: z.string().trim().min(1, 'Enter a name').max(200),
  description: z.string().max(10_000).default(''),
  ownerNotes: z.string().max(10_000).default(''),
  connectors: z.array(BundleConnector).max(100).default([]),
});
export type BundleSystem = z.infer<typeof BundleSystem>;

// ---------------------------------------------------------------- dataflows

/** Execute API call with keys instead of ids: `system`, `connector` (of that system), `endpoint` (of that connector). */
export const BundleExecuteApiCallStep = ExecuteApiCallStep.extend({
  config: ExecuteApiCallStep.shape.config.omit({ systemId: true, connectorId: true, endpointId: true }).extend({ system: Ref, connector: Ref, endpoint: Ref }),
});
/** Update entry with the component's key instead of its id. */
export const BundleUpdateEntryStep = UpdateEntryStep.extend({
  config: UpdateEntryStep.shape.config.omit({ componentId: true }).extend({ component: Ref }),
});

export const BundleStep = z.discriminatedUnion('type', [
  InputStep,
  ExecuteScriptStep,
  BundleExecuteApiCallStep,
  TransformModelStep,
  FilterStep,
  BundleUpdateEntryStep,
  WriteResponseStep,
]);
export type BundleStep = z.infer<typeof BundleStep>;

export const BundleDataflow = z.object({
  key: Key,
  name: DataflowDefinition.shape.name,
  description: DataflowDefinition.shape.description,
  /** The component the dataflow belongs to (its forms may run it), or null. */
  component: Ref.nullable().default(null),
  inputSchema: DataflowDefinition.shape.inputSchema,
  steps: z.array(BundleStep).min(1, 'Add at least an Input step').max(200),
});
export type BundleDataflow = z.infer<typeof BundleDataflow>;

// ---------------------------------------------------------------- components and forms

export const BundleForm = z.object({
  key: Key,
  name: z.string().trim().min(1, 'Enter a name').max(200),
  description: z.string().max(10_000).default(''),
  fields: z.array(FormField).max(200).default([]),
  /** A dataflow of the same component, run on submit. */
  dataflow: Ref.nullable().default(null),
  /** Roles only: user ids mean nothing in another installation. */
  access: z.object({ roles: z.array(z.enum(['admin', 'user'])).default([]) }).default({ roles: ['user'] }),
});
export type BundleForm = z.infer<typeof BundleForm>;

export const BundleComponent = z.object({
  key: Key,
  name: CreateComponentRequest.shape.name,
  description: CreateComponentRequest.shape.description,
  entityModel: CreateComponentRequest.shape.entityModel,
  displayFunction: CreateComponentRequest.shape.displayFunction,
  forms: z.array(BundleForm).max(200).default([]),
});
export type BundleComponent = z.infer<typeof BundleComponent>;

// ---------------------------------------------------------------- the bundle

export const Bundle = z
  .object({
    $schema: z.string().optional(),
    format: z.literal(BUNDLE_FORMAT, { error: `Not a Conflux bundle: "format" must be "${BUNDLE_FORMAT}"` }),
    formatVersion: z.literal(BUNDLE_FORMAT_VERSION, { error: `This installation reads bundle format version ${BUNDLE_FORMAT_VERSION} (and older ones it can upgrade)` }),
    exportedAt: z.iso.datetime({ offset: true }).optional(),
    /** What the exporter left out on purpose; informational, ignored on import. */
    warnings: z.array(z.string()).optional(),
    components: z.array(BundleComponent).max(500).default([]),
    dataflows: z.array(BundleDataflow).max(1_000).default([]),
    systems: z.array(BundleSystem).max(200).default([]),
    /** Records per component key, only when the export asked for them. */
    records: z.record(z.string(), z.array(z.record(z.string(), z.unknown())).max(100_000)).optional(),
  })
  .meta({ title: 'Conflux component bundle', description: 'Components, dataflows, forms and the systems they use, addressed by key. Secrets are never included.' });
export type Bundle = z.infer<typeof Bundle>;
export type BundleInput = z.input<typeof Bundle>;

/** The published JSON Schema of the bundle format (GET /api/bundles/schema, examples/bundle.schema.json). */
export function bundleJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Bundle, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...schema, $id: `urn:conflux:bundle:v${BUNDLE_FORMAT_VERSION}` };
}

// ---------------------------------------------------------------- format upgrades

/**
 * One explicit migration of the bundle document from `from` to `from + 1`. They run in order
 * on import, before validation, so a bundle written by an older Conflux still imports.
 * Format version 1 is the first published one, so the list is empty for now; the next
 * format change adds `{ from: 1, upgrade }` here (and its test).
 */
export interface BundleUpgrade {
  from: number;
  description: string;
  upgrade(document: Record<string, unknown>): Record<string, unknown>;
}

export const BUNDLE_UPGRADES: BundleUpgrade[] = [];

/**
 * Brings an uploaded document to the current format version with `upgrades` (in order). A
 * document that is not a bundle, or from a version nothing upgrades, is returned with issues.
 */
export function upgradeBundle(
  document: unknown,
  upgrades: BundleUpgrade[] = BUNDLE_UPGRADES,
  current: number = BUNDLE_FORMAT_VERSION,
): { document: unknown; upgradedFrom: number | null; issues: ValidationIssue[] } {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    return { document, upgradedFrom: null, issues: [{ path: [], message: 'A bundle is a JSON object' }] };
  }
  let doc = document as Record<string, unknown>;
  const start = doc.formatVersion;
  if (typeof start !== 'number' || !Number.isInteger(start) || start >= current) return { document: doc, upgradedFrom: null, issues: [] };
  for (let version = start; version < current; version += 1) {
    const step = upgrades.find((candidate) => candidate.from === version);
    if (!step) {
      return {
        document: doc,
        upgradedFrom: null,
        issues: [{ path: ['formatVersion'], message: `Bundle format version ${start} is not supported (this installation reads ${current} and upgrades from ${upgrades.map((u) => u.from).join(', ') || 'none'})` }],
      };
    }
    doc = { ...step.upgrade(structuredClone(doc)), formatVersion: version + 1 };
  }
  return { document: doc, upgradedFrom: start, issues: [] };
}

/**
 * Keys that appear twice where they must be unique: components, dataflows and systems in the
 * bundle, connectors within a system, endpoints within a connector, forms within a component.
 * Works on the raw document, so it reports them together with every schema problem.
 */
export function duplicateKeyIssues(document: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
  const field = (value: unknown, name: string): unknown => (value && typeof value === 'object' ? (value as Record<string, unknown>)[name] : undefined);
  const check = (items: unknown[], path: Array<string | number>, what: string) => {
    const seen = new Map<string, number>();
    items.forEach((item, index) => {
      const key = field(item, 'key');
      if (typeof key !== 'string') return;
      const first = seen.get(key);
      if (first !== undefined) issues.push({ path: [...path, index, 'key'], message: `Duplicate ${what} key "${key}" (also at ${[...path, first].join('.')})` });
      else seen.set(key, index);
    });
  };
  check(list(field(document, 'components')), ['components'], 'component');
  list(field(document, 'components')).forEach((component, c) => check(list(field(component, 'forms')), ['components', c, 'forms'], 'form'));
  check(list(field(document, 'dataflows')), ['dataflows'], 'dataflow');
  check(list(field(document, 'systems')), ['systems'], 'system');
  list(field(document, 'systems')).forEach((system, s) => {
    check(list(field(system, 'connectors')), ['systems', s, 'connectors'], 'connector');
    list(field(system, 'connectors')).forEach((connector, c) => check(list(field(connector, 'endpoints')), ['systems', s, 'connectors', c, 'endpoints'], 'endpoint'));
  });
  return issues;
}

// ---------------------------------------------------------------- API shapes

export const ExportBundleRequest = z.object({
  components: z.array(Key).min(1, 'Choose at least one component').max(500),
  includeRecords: z.boolean().default(false),
});
export type ExportBundleRequest = z.input<typeof ExportBundleRequest>;

/** `"<system>/<connector>"` → secret name → value. Never stored anywhere but sealed in the connector. */
export const ImportSecrets = z.record(z.string(), z.record(z.string(), z.string().min(1).max(10_000)));
/** `"<system>/<connector>"` → settings that differ in this installation. */
export const ImportOverrides = z.record(z.string(), z.strictObject({ baseUrl: connector.baseUrl.optional() }));

export const ImportBundleRequest = z.object({
  /** The bundle document as uploaded (validated and upgraded by the server). */
  bundle: z.unknown(),
  secrets: ImportSecrets.default({}),
  overrides: ImportOverrides.default({}),
});
export type ImportBundleRequest = z.input<typeof ImportBundleRequest>;

export const PlanAction = z.enum(['create', 'update', 'unchanged', 'conflict']);
export type PlanAction = z.infer<typeof PlanAction>;
export const PlanObjectType = z.enum(['system', 'connector', 'endpoint', 'component', 'form', 'dataflow', 'records']);

export const PlanItem = z.object({
  type: PlanObjectType,
  /** Its key path: "open-meteo", "open-meteo/default", "open-meteo/default/forecast", "weather/current-weather". */
  key: z.string(),
  name: z.string(),
  action: PlanAction,
  /** For updates: what changes ("baseUrl", "steps (new published version 3)"...). */
  changes: z.array(z.string()),
  /** For conflicts: why, and what to do. */
  message: z.string().optional(),
});
export type PlanItem = z.infer<typeof PlanItem>;

export const PlanSecret = z.object({
  /** "<system>/<connector>" */
  connector: z.string(),
  name: z.string(),
  /** The installation already has a value for it. */
  stored: z.boolean(),
  /** This request supplies a value for it. */
  provided: z.boolean(),
});
export type PlanSecret = z.infer<typeof PlanSecret>;

export const ImportPlan = z.object({
  formatVersion: z.number().int(),
  /** The bundle was written in an older format and was upgraded from this version. */
  upgradedFrom: z.number().int().nullable(),
  items: z.array(PlanItem),
  secrets: z.array(PlanSecret),
  counts: z.object({ create: z.number().int(), update: z.number().int(), unchanged: z.number().int(), conflict: z.number().int() }),
  warnings: z.array(z.string()),
  /** False when a conflict blocks the import. */
  canApply: z.boolean(),
});
export type ImportPlan = z.infer<typeof ImportPlan>;

export const ImportResult = ImportPlan.extend({ importId: z.string().uuid(), importedAt: z.string() });
export type ImportResult = z.infer<typeof ImportResult>;

export const BundleImportRecord = z.object({
  id: z.string().uuid(),
  createdAt: z.string(),
  user: z.object({ id: z.string().uuid(), email: z.string(), name: z.string() }).nullable(),
  summary: z.record(z.string(), z.unknown()),
});
export type BundleImportRecord = z.infer<typeof BundleImportRecord>;
export const BundleImportList = z.object({ items: z.array(BundleImportRecord) });
export type BundleImportList = z.infer<typeof BundleImportList>;
