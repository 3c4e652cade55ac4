import type { Prisma, PrismaClient } from '@conflux/db';
import {
  BundleComponent,
  BundleConnector,
  BundleDataflow,
  BundleEndpoint,
  BundleForm,
  BundleStep,
  EntityModel,
  FormAccess,
  FormField,
  RetryPolicy,
  Step,
  connectorSecretNames,
  type BundleConnectorAuth,
  type BundleSystem,
} from '@conflux/contracts';

/**
 * The installation as bundle objects: the one place that maps stored rows to the bundle
 * shapes. Export writes these; import compares the uploaded bundle with them, so an
 * object that round-trips compares equal and a second import changes nothing.
 */

export type Db = PrismaClient | Prisma.TransactionClient;

type StoredHeader = { name: string; secret: boolean; value?: string };

export function connectorToBundle(
  row: Prisma.ConnectorGetPayload<object>,
  endpoints: Array<Prisma.EndpointGetPayload<object>>,
): BundleConnector {
  const config = row.authConfig as Record<string, unknown>;
  const auth: BundleConnectorAuth = (() => {
    switch (row.authType) {
      case 'none':
        return { type: 'none' as const };
      case 'api_key':
        return { type: 'api_key' as const, in: config.in as 'header' | 'query', name: String(config.name) };
      case 'bearer':
        return { type: 'bearer' as const };
      case 'basic':
        return { type: 'basic' as const, username: String(config.username) };
      case 'oauth2_client_credentials':
        return {
          type: 'oauth2_client_credentials' as const,
          tokenUrl: String(config.tokenUrl),
          clientId: String(config.clientId),
          scopes: (config.scopes as string[]) ?? [],
          ...(config.audience ? { audience: String(config.audience) } : {}),
        };
    }
  })();
  // Secret header values are never read here: only their names.
  const defaultHeaders = (row.defaultHeaders as StoredHeader[]).map((header) =>
    header.secret ? { name: header.name, secret: true } : { name: header.name, secret: false, value: header.value ?? '' },
  );
  return BundleConnector.parse({
    key: row.key,
    name: row.name,
    baseUrl: row.baseUrl,
    auth,
    secrets: connectorSecretNames({ auth, defaultHeaders }),
    defaultHeaders,
    connectTimeoutMs: row.connectTimeoutMs,
    totalTimeoutMs: row.totalTimeoutMs,
    retryPolicy: RetryPolicy.parse(row.retryPolicy ?? {}),
    rateLimit: row.rateLimit ?? null,
    maxResponseBytes: row.maxResponseBytes,
    testPath: row.testPath,
    endpoints: [...endpoints].sort((a, b) => a.key.localeCompare(b.key)).map(endpointToBundle),
  });
}

export function endpointToBundle(row: Prisma.EndpointGetPayload<object>): BundleEndpoint {
  return BundleEndpoint.parse({
    key: row.key,
    path: row.path,
    methods: row.methods,
    summary: row.summary,
    parameters: row.parameters,
    requestSchema: row.requestSchema ?? null,
    responseSchema: row.responseSchema ?? null,
  });
}

export function systemToBundle(row: Prisma.SystemGetPayload<object>, connectors: BundleConnector[]): BundleSystem {
  return { key: row.key, name: row.name, description: row.description, ownerNotes: row.ownerNotes, connectors };
}

type FormRow = Prisma.FormGetPayload<{ include: { dataflow: { select: { key: true } } } }>;

export function formToBundle(row: FormRow): BundleForm {
  const fields = FormField.array().safeParse(row.fields);
  const access = FormAccess.safeParse(row.access);
  return BundleForm.parse({
    key: row.key,
    name: row.name,
    description: row.description,
    fields: fields.success ? fields.data : [],
    dataflow: row.dataflow?.key ?? null,
    access: { roles: access.success ? access.data.roles : [] },
  });
}

export function componentToBundle(row: Prisma.ComponentGetPayload<object>, forms: FormRow[]): BundleComponent {
  const model = EntityModel.safeParse(row.entityModel);
  return BundleComponent.parse({
    key: row.key,
    name: row.name,
    description: row.description,
    entityModel: model.success ? model.data : { properties: [] },
    displayFunction: row.displayFunction,
    forms: [...forms].sort((a, b) => a.key.localeCompare(b.key)).map(formToBundle),
  });
}

// ---------------------------------------------------------------- step references: ids <-> keys

/** Keys of the catalog objects and components that stored steps point at, by id. */
export interface KeysById {
  systems: Map<string, string>;
  connectors: Map<string, { key: string; systemKey: string }>;
  endpoints: Map<string, { key: string; connectorKey: string; systemKey: string }>;
  components: Map<string, string>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Looks up the keys of every id the given steps reference. */
export async function keysForSteps(db: Db, stepLists: unknown[][]): Promise<KeysById> {
  const ids = { systems: new Set<string>(), connectors: new Set<string>(), endpoints: new Set<string>(), components: new Set<string>() };
  for (const steps of stepLists) {
    for (const step of steps as Array<{ type: string; config: Record<string, unknown> }>) {
      const add = (set: Set<string>, value: unknown) => typeof value === 'string' && UUID.test(value) && set.add(value);
      if (step.type === 'execute_api_call') {
        add(ids.systems, step.config.systemId);
        add(ids.connectors, step.config.connectorId);
        add(ids.endpoints, step.config.endpointId);
      }
      if (step.type === 'update_entry') add(ids.components, step.config.componentId);
    }
  }
  const [systems, connectors, endpoints, components] = await Promise.all([
    db.system.findMany({ where: { id: { in: [...ids.systems] } }, select: { id: true, key: true } }),
    db.connector.findMany({ where: { id: { in: [...ids.connectors] } }, select: { id: true, key: true, system: { select: { key: true } } } }),
    db.endpoint.findMany({
      where: { id: { in: [...ids.endpoints] } },
      select: { id: true, key: true, connector: { select: { key: true, system: { select: { key: true } } } } },
    }),
    db.component.findMany({ where: { id: { in: [...ids.components] } }, select: { id: true, key: true } }),
  ]);
  return {
    systems: new Map(systems.map((row) => [row.id, row.key])),
    connectors: new Map(connectors.map((row) => [row.id, { key: row.key, systemKey: row.system.key }])),
    endpoints: new Map(endpoints.map((row) => [row.id, { key: row.key, connectorKey: row.connector.key, systemKey: row.connector.system.key }])),
    components: new Map(components.map((row) => [row.id, row.key])),
  };
}

/**
 * Stored steps (ids) as bundle steps (keys). An id that points at nothing any more becomes
 * `missing:<id>` and is reported by `danglingReferences`.
 */
export function stepsToBundle(steps: unknown[], keys: KeysById): BundleStep[] {
  return (steps as Step[]).map((raw) => {
    const step = Step.parse(raw);
    if (step.type === 'execute_api_call') {
      const { systemId, connectorId, endpointId, ...config } = step.config;
      return BundleStep.parse({
        ...step,
        config: {
          ...config,
          system: keys.systems.get(systemId) ?? `missing:${systemId}`,
          connector: keys.connectors.get(connectorId)?.key ?? `missing:${connectorId}`,
          endpoint: keys.endpoints.get(endpointId)?.key ?? `missing:${endpointId}`,
        },
      });
    }
    if (step.type === 'update_entry') {
      const { componentId, ...config } = step.config;
      return BundleStep.parse({ ...step, config: { ...config, component: keys.components.get(componentId) ?? `missing:${componentId}` } });
    }
    return BundleStep.parse(step);
  });
}

export function dataflowToBundle(
  row: { key: string; name: string; description: string },
  componentKey: string | null,
  version: { inputSchema: unknown; steps: unknown },
  keys: KeysById,
): BundleDataflow {
  return BundleDataflow.parse({
    key: row.key,
    name: row.name,
    description: row.description,
    component: componentKey,
    inputSchema: version.inputSchema ?? null,
    steps: stepsToBundle(version.steps as unknown[], keys),
  });
}

/** Ids of a bundle step's references, resolved by the caller; null when one cannot be resolved. */
export interface IdsByKey {
  system(key: string): string | undefined;
  connector(systemKey: string, key: string): string | undefined;
  endpoint(systemKey: string, connectorKey: string, key: string): string | undefined;
  component(key: string): string | undefined;
}

/** Bundle steps (keys) as stored steps (ids). Unresolved references get the nil UUID. */
export function stepsFromBundle(steps: BundleStep[], ids: IdsByKey): Step[] {
  const NIL = '00000000-0000-0000-0000-000000000000';
  return steps.map((step) => {
    if (step.type === 'execute_api_call') {
      const { system, connector, endpoint, ...config } = step.config;
      return Step.parse({
        ...step,
        config: {
          ...config,
          systemId: ids.system(system) ?? NIL,
          connectorId: ids.connector(system, connector) ?? NIL,
          endpointId: ids.endpoint(system, connector, endpoint) ?? NIL,
        },
      });
    }
    if (step.type === 'update_entry') {
      const { component, ...config } = step.config;
      return Step.parse({ ...step, config: { ...config, componentId: ids.component(component) ?? NIL } });
    }
    return Step.parse(step);
  });
}

// ---------------------------------------------------------------- comparing

/** JSON with sorted object keys and without undefined values: equal documents, equal text. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner && typeof inner === 'object' && !Array.isArray(inner)) {
      return Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return inner;
  });
}

export const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/** The fields (of `fields`) whose values differ. */
export function changedFields<T extends object>(wanted: T, existing: T, fields: Array<keyof T & string>): string[] {
  return fields.filter((field) => !same(wanted[field], existing[field]));
}
