import { randomBytes } from 'node:crypto';
import { ConflictException } from '@nestjs/common';
import { Prisma, type PrismaClient } from '@conflux/db';
import {
  AUTH_SECRET_NAME,
  Bundle,
  ImportBundleRequest,
  connectorSecretNames,
  duplicateKeyIssues,
  recordDataSchema,
  upgradeBundle,
  type BundleComponent,
  type BundleConnector,
  type BundleDataflow,
  type BundleEndpoint,
  type BundleForm,
  type BundleSystem,
  type CreateConnectorRequest,
  type EntityModel,
  type ImportPlan,
  type ImportResult,
  type PlanItem,
  type PlanSecret,
  type Step,
  type ValidationIssue,
} from '@conflux/contracts';
import { validateDataflow, type DataflowReferences, type SecretBox } from '@conflux/engine';
import { InvalidRequestException } from '../common/error-filter';
import { ConnectorMapper } from '../connectors/connector-mapper';
import { issuesAt } from '../components/issues';
import {
  canonical,
  changedFields,
  componentToBundle,
  connectorToBundle,
  dataflowToBundle,
  endpointToBundle,
  keysForSteps,
  same,
  stepsFromBundle,
  type Db,
} from './bundle-mapping';

/**
 * Import of a bundle: validate (every problem with its JSON path, nothing written), plan
 * (create / update with what changes / unchanged / conflict per object), apply the whole
 * plan in one transaction and record it. Objects are matched by key; nothing in the
 * installation that the bundle does not mention is changed or deleted.
 */

export interface ImportActor {
  userId: string | null;
  via: 'api' | 'cli';
}

type SystemRow = Prisma.SystemGetPayload<{ include: { connectors: { include: { endpoints: true } } } }>;
type ConnectorRow = SystemRow['connectors'][number];
type ComponentRow = Prisma.ComponentGetPayload<{ include: { forms: { include: { dataflow: { select: { key: true } } } } } }>;
type DataflowRow = Prisma.DataflowGetPayload<{ include: { versions: true; component: { select: { key: true } } } }>;

type Decision<T> = { item: PlanItem; wanted: T };

interface Prepared {
  bundle: Bundle;
  upgradedFrom: number | null;
  plan: ImportPlan;
  ids: Ids;
  installed: { systems: Map<string, SystemRow>; components: Map<string, ComponentRow>; dataflows: Map<string, DataflowRow> };
  decisions: {
    systems: Array<Decision<BundleSystem>>;
    connectors: Array<Decision<BundleConnector> & { systemKey: string; existing?: ConnectorRow; secrets: Record<string, string> }>;
    endpoints: Array<Decision<BundleEndpoint> & { connectorPath: string }>;
    components: Array<Decision<BundleComponent>>;
    forms: Array<Decision<BundleForm> & { componentKey: string }>;
    dataflows: Array<Decision<BundleDataflow> & { steps: Step[]; publishDraftId?: string }>;
    records: Array<Decision<Array<Record<string, unknown>>> & { componentKey: string }>;
  };
}

/** key paths → ids, for the installation merged with what the bundle adds (new objects get their future ids). */
interface Ids {
  systems: Map<string, string>;
  connectors: Map<string, string>;
  endpoints: Map<string, string>;
  components: Map<string, string>;
  dataflows: Map<string, string>;
}

/** A UUIDv7, like the database default: new objects get their ids at planning time. */
export function uuidv7(): string {
  const bytes = randomBytes(16);
  let ms = Date.now();
  for (let i = 5; i >= 0; i -= 1) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const storedSecretName = (name: string) => (name.startsWith('auth.') ? 'auth' : name);
const BINDING = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/;

/** Validates the bundle and works out the plan, writing nothing. */
export async function planImport(prisma: PrismaClient, box: SecretBox, input: ImportBundleRequest): Promise<ImportPlan> {
  return (await prepare(prisma, box, input)).plan;
}

/**
 * Applies the plan in one transaction (imports are serialised by an advisory lock), and
 * records who imported what. A conflict refuses the whole import with 409 and the plan.
 */
export async function applyImport(prisma: PrismaClient, box: SecretBox, input: ImportBundleRequest, actor: ImportActor): Promise<ImportResult> {
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`select pg_advisory_xact_lock(hashtext('conflux.bundle-import'))`;
      const prepared = await prepare(tx, box, input);
      if (!prepared.plan.canApply) {
        throw new ConflictException({
          message: `The import has conflicts: ${prepared.plan.items
            .filter((item) => item.action === 'conflict')
            .map((item) => `${item.type} "${item.key}": ${item.message}`)
            .join('; ')}`,
        });
      }
      await write(tx, box, prepared);
      const record = await tx.bundleImport.create({
        data: {
          userId: actor.userId,
          summary: {
            via: actor.via,
            exportedAt: prepared.bundle.exportedAt ?? null,
            formatVersion: prepared.plan.formatVersion,
            upgradedFrom: prepared.upgradedFrom,
            components: prepared.bundle.components.map((component) => component.key),
            counts: prepared.plan.counts,
            items: prepared.plan.items.filter((item) => item.action !== 'unchanged').map(({ type, key, action, changes }) => ({ type, key, action, changes })),
            secretsSet: prepared.plan.secrets.filter((secret) => secret.provided).map((secret) => `${secret.connector}:${secret.name}`),
          },
        },
      });
      return { ...prepared.plan, importId: record.id, importedAt: record.createdAt.toISOString() };
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}

// ---------------------------------------------------------------- validate and plan

async function prepare(db: Db, box: SecretBox, input: ImportBundleRequest): Promise<Prepared> {
  const request = ImportBundleRequest.parse(input);
  const upgraded = upgradeBundle(request.bundle);
  const at = (...path: Array<string | number>) => ['bundle', ...path];
  const issues: ValidationIssue[] = upgraded.issues.map((issue) => ({ ...issue, path: at(...issue.path) }));
  const parsed = Bundle.safeParse(upgraded.document);
  if (!upgraded.issues.length) {
    if (!parsed.success) issues.push(...issuesAt('bundle', parsed.error.issues, 'Not part of the bundle format'));
    issues.push(...duplicateKeyIssues(upgraded.document).map((issue) => ({ ...issue, path: at(...issue.path) })));
  }
  if (issues.length || !parsed.success) throw new InvalidRequestException(issues, 'The bundle has problems; nothing was imported');
  const bundle = parsed.data;

  // ---- what the installation has under the keys the bundle uses or references
  const systemKeys = new Set(bundle.systems.map((system) => system.key));
  const componentKeys = new Set(bundle.components.map((component) => component.key));
  const dataflowKeys = new Set(bundle.dataflows.map((dataflow) => dataflow.key));
  for (const dataflow of bundle.dataflows) {
    if (dataflow.component) componentKeys.add(dataflow.component);
    for (const step of dataflow.steps) {
      if (step.type === 'execute_api_call') systemKeys.add(step.config.system);
      if (step.type === 'update_entry') componentKeys.add(step.config.component);
    }
  }
  for (const component of bundle.components) for (const form of component.forms) if (form.dataflow) dataflowKeys.add(form.dataflow);
  for (const key of Object.keys(bundle.records ?? {})) componentKeys.add(key);

  const [systemRows, componentRows, dataflowRows] = await Promise.all([
    db.system.findMany({ where: { key: { in: [...systemKeys] } }, include: { connectors: { include: { endpoints: true } } } }),
    db.component.findMany({ where: { key: { in: [...componentKeys] } }, include: { forms: { include: { dataflow: { select: { key: true } } } } } }),
    db.dataflow.findMany({ where: { key: { in: [...dataflowKeys] } }, include: { versions: true, component: { select: { key: true } } } }),
  ]);
  const installed = {
    systems: new Map(systemRows.map((row) => [row.key, row])),
    components: new Map(componentRows.map((row) => [row.key, row])),
    dataflows: new Map(dataflowRows.map((row) => [row.key, row])),
  };

  // ---- the merged catalog: the installation, overlaid by the bundle
  const ids: Ids = { systems: new Map(), connectors: new Map(), endpoints: new Map(), components: new Map(), dataflows: new Map() };
  const endpointInfo = new Map<string, { connectorId: string; methods: string[]; path: string; parameters: Array<{ name: string; in: string; required: boolean }> }>();
  const connectorSystem = new Map<string, string>();
  for (const system of systemRows) {
    ids.systems.set(system.key, system.id);
    for (const connector of system.connectors) {
      ids.connectors.set(`${system.key}/${connector.key}`, connector.id);
      connectorSystem.set(connector.id, system.id);
      for (const endpoint of connector.endpoints) {
        ids.endpoints.set(`${system.key}/${connector.key}/${endpoint.key}`, endpoint.id);
        endpointInfo.set(endpoint.id, { connectorId: connector.id, methods: endpoint.methods, path: endpoint.path, parameters: endpoint.parameters as never });
      }
    }
  }
  for (const system of bundle.systems) {
    const systemId = ids.systems.get(system.key) ?? uuidv7();
    ids.systems.set(system.key, systemId);
    for (const connector of system.connectors) {
      const connectorPath = `${system.key}/${connector.key}`;
      const connectorId = ids.connectors.get(connectorPath) ?? uuidv7();
      ids.connectors.set(connectorPath, connectorId);
      connectorSystem.set(connectorId, systemId);
      for (const endpoint of connector.endpoints) {
        const endpointPath = `${connectorPath}/${endpoint.key}`;
        const endpointId = ids.endpoints.get(endpointPath) ?? uuidv7();
        ids.endpoints.set(endpointPath, endpointId);
        endpointInfo.set(endpointId, { connectorId, methods: endpoint.methods, path: endpoint.path, parameters: endpoint.parameters });
      }
    }
  }
  const models = new Map<string, EntityModel>();
  for (const row of componentRows) {
    ids.components.set(row.key, row.id);
    models.set(row.key, componentToBundle(row, []).entityModel as EntityModel);
  }
  for (const component of bundle.components) {
    ids.components.set(component.key, ids.components.get(component.key) ?? uuidv7());
    models.set(component.key, component.entityModel as EntityModel);
  }
  const dataflowComponent = new Map<string, string | null>();
  for (const row of dataflowRows) {
    ids.dataflows.set(row.key, row.id);
    dataflowComponent.set(row.key, row.component?.key ?? null);
  }
  for (const dataflow of bundle.dataflows) {
    ids.dataflows.set(dataflow.key, ids.dataflows.get(dataflow.key) ?? uuidv7());
    dataflowComponent.set(dataflow.key, dataflow.component);
  }

  // ---- references
  const resolver = {
    system: (key: string) => ids.systems.get(key),
    connector: (system: string, key: string) => ids.connectors.get(`${system}/${key}`),
    endpoint: (system: string, connector: string, key: string) => ids.endpoints.get(`${system}/${connector}/${key}`),
    component: (key: string) => ids.components.get(key),
  };
  const references: DataflowReferences = {
    systemExists: async (id) => [...ids.systems.values()].includes(id),
    connector: async (id) => (connectorSystem.has(id) ? { systemId: connectorSystem.get(id)! } : null),
    endpoint: async (id) => endpointInfo.get(id) ?? null,
    componentExists: async (id) => [...ids.components.values()].includes(id),
  };
  const nowhere = 'neither in the bundle nor in this installation';
  const resolvedSteps = new Map<string, Step[]>();
  for (const [d, dataflow] of bundle.dataflows.entries()) {
    if (dataflow.component && !ids.components.has(dataflow.component)) {
      issues.push({ path: at('dataflows', d, 'component'), message: `Component "${dataflow.component}" is ${nowhere}` });
    }
    const reported = new Set<number>();
    dataflow.steps.forEach((step, s) => {
      const where = (field: string) => at('dataflows', d, 'steps', s, 'config', field);
      if (step.type === 'execute_api_call') {
        const { system, connector, endpoint } = step.config;
        if (!resolver.system(system)) issues.push({ path: where('system'), message: `System "${system}" is ${nowhere}` });
        else if (!resolver.connector(system, connector)) issues.push({ path: where('connector'), message: `Connector "${connector}" of system "${system}" is ${nowhere}` });
        else if (!resolver.endpoint(system, connector, endpoint)) issues.push({ path: where('endpoint'), message: `Query path "${endpoint}" of connector "${system}/${connector}" is ${nowhere}` });
        else return;
        reported.add(s);
      }
      if (step.type === 'update_entry' && !resolver.component(step.config.component)) {
        issues.push({ path: where('component'), message: `Component "${step.config.component}" is ${nowhere}` });
        reported.add(s);
      }
    });
    const steps = stepsFromBundle(dataflow.steps, resolver);
    resolvedSteps.set(dataflow.key, steps);
    const found = await validateDataflow({ name: dataflow.name, description: dataflow.description, inputSchema: dataflow.inputSchema, steps }, references);
    const rename: Record<string, string> = { systemId: 'system', connectorId: 'connector', endpointId: 'endpoint', componentId: 'component' };
    for (const issue of found) {
      const [, s, , field] = issue.path;
      if (typeof s === 'number' && reported.has(s) && typeof field === 'string' && field in rename) continue;
      issues.push({ path: at('dataflows', d, ...issue.path.map((part) => (typeof part === 'string' && part in rename ? rename[part]! : part))), message: issue.message });
    }
  }
  for (const [c, component] of bundle.components.entries()) {
    for (const [f, form] of component.forms.entries()) {
      if (form.dataflow) {
        if (!ids.dataflows.has(form.dataflow)) issues.push({ path: at('components', c, 'forms', f, 'dataflow'), message: `Dataflow "${form.dataflow}" is ${nowhere}` });
        else if (dataflowComponent.get(form.dataflow) !== component.key) {
          issues.push({ path: at('components', c, 'forms', f, 'dataflow'), message: `Dataflow "${form.dataflow}" does not belong to component "${component.key}"` });
        }
      }
      const names = new Set<string>();
      form.fields.forEach((field, i) => {
        const here = (name: string) => at('components', c, 'forms', f, 'fields', i, name);
        if (names.has(field.name)) issues.push({ path: here('name'), message: `"${field.name}" is already a field` });
        names.add(field.name);
        if (field.type === 'select' && field.options.length === 0) issues.push({ path: here('options'), message: 'Add at least one option' });
        if (field.pattern) {
          try {
            new RegExp(field.pattern);
          } catch {
            issues.push({ path: here('pattern'), message: 'Not a valid regular expression' });
          }
        }
        const binding = field.binding.trim() || field.name;
        if (!BINDING.test(binding) || binding.split('.').some((part) => ['__proto__', 'prototype', 'constructor'].includes(part))) {
          issues.push({ path: here('binding'), message: 'Use a field name or a dot path such as query.city' });
        }
      });
    }
  }
  const recordsToAdd = new Map<string, Array<Record<string, unknown>>>();
  for (const [componentKey, records] of Object.entries(bundle.records ?? {})) {
    const model = models.get(componentKey);
    if (!model) {
      issues.push({ path: at('records', componentKey), message: `Component "${componentKey}" is ${nowhere}` });
      continue;
    }
    const schema = recordDataSchema(model, { applyDefaults: true });
    const valid: Array<Record<string, unknown>> = [];
    records.forEach((data, index) => {
      const result = schema.safeParse(data);
      if (result.success) valid.push(result.data as Record<string, unknown>);
      else issues.push(...issuesAt('x', result.error.issues, 'Not a property of the entity model').map((issue) => ({ ...issue, path: at('records', componentKey, index, ...issue.path.slice(1)) })));
    });
    recordsToAdd.set(componentKey, valid);
  }

  // ---- secrets and overrides name connectors of the bundle
  const bundleConnectors = new Map<string, BundleConnector>();
  for (const [s, system] of bundle.systems.entries()) {
    for (const [c, connector] of system.connectors.entries()) {
      bundleConnectors.set(`${system.key}/${connector.key}`, connector);
      const needed = connectorSecretNames(connector);
      connector.secrets.forEach((name, i) => {
        if (!needed.includes(name)) issues.push({ path: at('systems', s, 'connectors', c, 'secrets', i), message: `This connector has no secret "${name}" (it needs ${needed.join(', ') || 'none'})` });
      });
    }
  }
  for (const [path, values] of Object.entries(request.secrets)) {
    const connector = bundleConnectors.get(path);
    if (!connector) {
      issues.push({ path: ['secrets', path], message: `The bundle has no connector "${path}" (use "<system>/<connector>")` });
      continue;
    }
    const needed = connectorSecretNames(connector);
    for (const name of Object.keys(values)) {
      if (!needed.includes(name)) issues.push({ path: ['secrets', path, name], message: `Connector "${path}" needs ${needed.join(', ') || 'no secrets'}` });
    }
  }
  for (const path of Object.keys(request.overrides)) {
    if (!bundleConnectors.has(path)) issues.push({ path: ['overrides', path], message: `The bundle has no connector "${path}" (use "<system>/<connector>")` });
  }
  if (issues.length) throw new InvalidRequestException(issues, 'The bundle has problems; nothing was imported');

  // ---- the plan
  const decisions: Prepared['decisions'] = { systems: [], connectors: [], endpoints: [], components: [], forms: [], dataflows: [], records: [] };
  const secrets: PlanSecret[] = [];
  const warnings: string[] = [];
  const item = (type: PlanItem['type'], key: string, name: string, exists: boolean, changes: string[], message?: string): PlanItem => ({
    type,
    key,
    name,
    action: message ? 'conflict' : !exists ? 'create' : changes.length ? 'update' : 'unchanged',
    changes: exists ? changes : [],
    ...(message ? { message } : {}),
  });

  for (const system of bundle.systems) {
    const existing = installed.systems.get(system.key);
    const changes = existing ? changedFields(system, { ...system, name: existing.name, description: existing.description, ownerNotes: existing.ownerNotes }, ['name', 'description', 'ownerNotes']) : [];
    decisions.systems.push({ item: item('system', system.key, system.name, !!existing, changes), wanted: system });
    for (const bundled of system.connectors) {
      const path = `${system.key}/${bundled.key}`;
      const connector: BundleConnector = { ...bundled, ...(request.overrides[path]?.baseUrl ? { baseUrl: request.overrides[path]!.baseUrl! } : {}) };
      const existingConnector = existing?.connectors.find((candidate) => candidate.key === connector.key);
      const provided = request.secrets[path] ?? {};
      const changes: string[] = [];
      const stored = (existingConnector?.secretsEncrypted ?? {}) as Record<string, string>;
      if (existingConnector) {
        const current = connectorToBundle(existingConnector, []);
        changes.push(
          ...changedFields(connector, current, ['name', 'baseUrl', 'auth', 'defaultHeaders', 'connectTimeoutMs', 'totalTimeoutMs', 'retryPolicy', 'rateLimit', 'maxResponseBytes', 'testPath']),
        );
        for (const [name, value] of Object.entries(provided)) {
          const envelope = stored[storedSecretName(name)];
          let unchanged: boolean;
          try {
            unchanged = !!envelope && box.decrypt(envelope) === value && (!name.startsWith('auth.') || current.auth.type === connector.auth.type);
          } catch {
            unchanged = false; // sealed under a key this installation no longer has
          }
          if (!unchanged) changes.push(`secret ${name}`);
        }
      }
      for (const name of connectorSecretNames(connector)) {
        const isAuth = name.startsWith('auth.');
        const keeps = !!existingConnector && storedSecretName(name) in stored && (!isAuth || AUTH_SECRET_NAME[existingConnector.authType] === name);
        secrets.push({ connector: path, name, stored: keeps, provided: name in provided });
        if (!keeps && !(name in provided)) warnings.push(`Connector "${path}" will have no value for ${name}: calls through it fail until an admin sets it.`);
      }
      decisions.connectors.push({ item: item('connector', path, connector.name, !!existingConnector, changes), wanted: connector, systemKey: system.key, existing: existingConnector, secrets: provided });
      for (const endpoint of connector.endpoints) {
        const existingEndpoint = existingConnector?.endpoints.find((candidate) => candidate.key === endpoint.key);
        const endpointChanges = existingEndpoint
          ? changedFields(endpoint, endpointToBundle(existingEndpoint), ['path', 'methods', 'summary', 'parameters', 'requestSchema', 'responseSchema'])
          : [];
        decisions.endpoints.push({ item: item('endpoint', `${path}/${endpoint.key}`, endpoint.summary || endpoint.path, !!existingEndpoint, endpointChanges), wanted: endpoint, connectorPath: path });
      }
    }
  }

  for (const component of bundle.components) {
    const existing = installed.components.get(component.key);
    let conflict: string | undefined;
    const current = existing ? componentToBundle(existing, existing.forms) : undefined;
    const changes = current ? changedFields(component, current, ['name', 'description', 'entityModel', 'displayFunction']) : [];
    if (existing && changes.includes('entityModel')) {
      const misfits = await countMisfits(db, existing.id, component.entityModel as EntityModel);
      if (misfits) conflict = `${misfits} stored record(s) do not fit the bundle's entity model. Change or delete them first, or adjust the model.`;
    }
    decisions.components.push({ item: item('component', component.key, component.name, !!existing, changes, conflict), wanted: component });
    for (const form of component.forms) {
      const existingForm = current?.forms.find((candidate) => candidate.key === form.key);
      const formChanges = existingForm ? changedFields(form, existingForm, ['name', 'description', 'fields', 'dataflow', 'access']) : [];
      decisions.forms.push({ item: item('form', `${component.key}/${form.key}`, form.name, !!existingForm, formChanges), wanted: form, componentKey: component.key });
    }
  }

  const installedVersions = [...installed.dataflows.values()].flatMap((row) => row.versions.map((version) => version.steps as unknown[]));
  const keys = await keysForSteps(db, installedVersions);
  for (const dataflow of bundle.dataflows) {
    const existing = installed.dataflows.get(dataflow.key);
    const steps = resolvedSteps.get(dataflow.key)!;
    if (!existing) {
      decisions.dataflows.push({ item: item('dataflow', dataflow.key, dataflow.name, false, []), wanted: dataflow, steps });
      continue;
    }
    const sorted = [...existing.versions].sort((a, b) => b.version - a.version);
    const published = sorted.find((version) => version.status === 'published');
    const draft = sorted.find((version) => version.status === 'draft');
    const definition = (version: { inputSchema: unknown; steps: unknown }) => {
      const asBundle = dataflowToBundle(existing, existing.component?.key ?? null, version, keys);
      return { inputSchema: asBundle.inputSchema, steps: asBundle.steps };
    };
    const wantedDefinition = { inputSchema: dataflow.inputSchema, steps: dataflow.steps };
    const changes = changedFields(dataflow, { ...dataflow, name: existing.name, description: existing.description, component: existing.component?.key ?? null }, ['name', 'description', 'component']);
    let conflict: string | undefined;
    let publishDraftId: string | undefined;
    if (!published || !same(definition(published), wantedDefinition)) {
      if (draft && same(definition(draft), wantedDefinition)) {
        changes.push(`steps (publishes draft version ${draft.version})`);
        publishDraftId = draft.id;
      } else if (draft) {
        conflict = `It has an unpublished draft (version ${draft.version}) that differs from the bundle. Publish the draft first; the import then adds the bundle's definition as a new version.`;
      } else changes.push(`steps (new published version ${sorted[0]!.version + 1})`);
    }
    decisions.dataflows.push({ item: item('dataflow', dataflow.key, dataflow.name, true, changes, conflict), wanted: dataflow, steps, publishDraftId });
  }

  for (const [componentKey, records] of recordsToAdd) {
    const componentId = installed.components.get(componentKey)?.id;
    const present = new Set<string>();
    if (componentId) {
      const rows = await db.entityRecord.findMany({ where: { componentId }, select: { data: true } });
      for (const row of rows) present.add(canonical(row.data));
    }
    const fresh = records.filter((data) => !present.has(canonical(data)));
    decisions.records.push({
      item: {
        type: 'records',
        key: componentKey,
        name: `${records.length} record(s)`,
        action: fresh.length ? 'create' : 'unchanged',
        changes: fresh.length ? [`${fresh.length} new record(s)`] : [],
      },
      wanted: fresh,
      componentKey,
    });
  }

  const items = [
    ...decisions.systems,
    ...decisions.connectors,
    ...decisions.endpoints,
    ...decisions.components,
    ...decisions.forms,
    ...decisions.dataflows,
    ...decisions.records,
  ].map((decision) => decision.item);
  const count = (action: PlanItem['action']) => items.filter((entry) => entry.action === action).length;
  const counts = { create: count('create'), update: count('update'), unchanged: count('unchanged'), conflict: count('conflict') };
  const plan: ImportPlan = { formatVersion: bundle.formatVersion, upgradedFrom: upgraded.upgradedFrom, items, secrets, counts, warnings, canApply: counts.conflict === 0 };
  return { bundle, upgradedFrom: upgraded.upgradedFrom, plan, ids, installed, decisions };
}

async function countMisfits(db: Db, componentId: string, model: EntityModel): Promise<number> {
  const schema = recordDataSchema(model);
  const rows = await db.entityRecord.findMany({ where: { componentId }, select: { data: true } });
  return rows.filter((row) => !schema.safeParse(row.data).success).length;
}

// ---------------------------------------------------------------- apply

async function write(tx: Prisma.TransactionClient, box: SecretBox, prepared: Prepared): Promise<void> {
  const { decisions, ids, installed } = prepared;
  const mapper = new ConnectorMapper(box);
  const changed = (decision: { item: PlanItem }) => decision.item.action === 'create' || decision.item.action === 'update';

  for (const { item, wanted } of decisions.systems.filter(changed)) {
    const data = { key: wanted.key, name: wanted.name, description: wanted.description, ownerNotes: wanted.ownerNotes };
    if (item.action === 'create') await tx.system.create({ data: { id: ids.systems.get(wanted.key)!, ...data } });
    else await tx.system.update({ where: { id: ids.systems.get(wanted.key)! }, data });
  }

  for (const decision of decisions.connectors.filter(changed)) {
    const { wanted, existing, secrets, systemKey } = decision;
    const authSecret = AUTH_SECRET_NAME[wanted.auth.type];
    const secretField = { api_key: 'value', bearer: 'token', basic: 'password', oauth2_client_credentials: 'clientSecret', none: null }[wanted.auth.type];
    const auth = { ...wanted.auth, ...(secretField && authSecret ? { [secretField]: secrets[authSecret] } : {}) } as CreateConnectorRequest['auth'];
    const input: CreateConnectorRequest = {
      key: wanted.key,
      name: wanted.name,
      baseUrl: wanted.baseUrl,
      auth,
      defaultHeaders: wanted.defaultHeaders.map((header) =>
        header.secret ? { name: header.name, secret: true, value: secrets[`header:${header.name.toLowerCase()}`] } : { name: header.name, secret: false, value: header.value ?? '' },
      ),
      connectTimeoutMs: wanted.connectTimeoutMs,
      totalTimeoutMs: wanted.totalTimeoutMs,
      retryPolicy: wanted.retryPolicy,
      rateLimit: wanted.rateLimit,
      maxResponseBytes: wanted.maxResponseBytes,
      testPath: wanted.testPath,
    };
    const columns = mapper.toColumns(input, existing) as Prisma.ConnectorUncheckedCreateInput;
    const id = ids.connectors.get(`${systemKey}/${wanted.key}`)!;
    if (existing) await tx.connector.update({ where: { id }, data: columns });
    else await tx.connector.create({ data: { ...columns, id, systemId: ids.systems.get(systemKey)! } });
  }

  for (const { item, wanted, connectorPath } of decisions.endpoints.filter(changed)) {
    const data = {
      key: wanted.key,
      path: wanted.path,
      methods: wanted.methods,
      summary: wanted.summary,
      parameters: wanted.parameters as Prisma.InputJsonValue,
      requestSchema: json(wanted.requestSchema),
      responseSchema: json(wanted.responseSchema),
    };
    const id = ids.endpoints.get(`${connectorPath}/${wanted.key}`)!;
    if (item.action === 'create') await tx.endpoint.create({ data: { id, connectorId: ids.connectors.get(connectorPath)!, ...data } });
    else await tx.endpoint.update({ where: { id }, data });
  }

  for (const { item, wanted } of decisions.components.filter(changed)) {
    const data = {
      key: wanted.key,
      name: wanted.name,
      description: wanted.description,
      entityModel: wanted.entityModel as Prisma.InputJsonObject,
      displayFunction: wanted.displayFunction,
    };
    if (item.action === 'create') await tx.component.create({ data: { id: ids.components.get(wanted.key)!, ...data } });
    else await tx.component.update({ where: { id: ids.components.get(wanted.key)! }, data });
  }

  for (const { item, wanted, steps, publishDraftId } of decisions.dataflows.filter(changed)) {
    const id = ids.dataflows.get(wanted.key)!;
    const row = { name: wanted.name, description: wanted.description, componentId: wanted.component ? ids.components.get(wanted.component)! : null };
    const definition = { steps: steps as unknown as Prisma.InputJsonValue, inputSchema: json(wanted.inputSchema) };
    if (item.action === 'create') {
      await tx.dataflow.create({ data: { id, key: wanted.key, ...row, versions: { create: { version: 1, status: 'published', publishedAt: new Date(), ...definition } } } });
      continue;
    }
    await tx.dataflow.update({ where: { id }, data: row });
    if (publishDraftId) await tx.dataflowVersion.update({ where: { id: publishDraftId }, data: { status: 'published', publishedAt: new Date() } });
    else if (item.changes.some((change) => change.startsWith('steps'))) {
      const latest = Math.max(...installed.dataflows.get(wanted.key)!.versions.map((version) => version.version));
      await tx.dataflowVersion.create({ data: { dataflowId: id, version: latest + 1, status: 'published', publishedAt: new Date(), ...definition } });
    }
  }

  for (const { item, wanted, componentKey } of decisions.forms.filter(changed)) {
    const componentId = ids.components.get(componentKey)!;
    const existing = installed.components.get(componentKey)?.forms.find((form) => form.key === wanted.key);
    const userIds = ((existing?.access as { userIds?: string[] } | undefined)?.userIds ?? []) as string[];
    const data = {
      key: wanted.key,
      name: wanted.name,
      description: wanted.description,
      fields: wanted.fields as unknown as Prisma.InputJsonArray,
      dataflowId: wanted.dataflow ? ids.dataflows.get(wanted.dataflow)! : null,
      access: { roles: wanted.access.roles, userIds } as Prisma.InputJsonObject,
    };
    if (item.action === 'create' || !existing) await tx.form.create({ data: { componentId, ...data } });
    else await tx.form.update({ where: { id: existing.id }, data });
  }

  for (const { wanted, componentKey } of decisions.records) {
    if (!wanted.length) continue;
    const componentId = ids.components.get(componentKey)!;
    await tx.entityRecord.createMany({ data: wanted.map((data) => ({ componentId, data: data as Prisma.InputJsonObject })) });
  }
}

function json(value: unknown) {
  return value === null || value === undefined ? Prisma.DbNull : (value as Prisma.InputJsonValue);
}
