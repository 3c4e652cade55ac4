import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, ExportBundleRequest, type Bundle, type BundleConnector, type BundleDataflow, type BundleSystem } from '@conflux/contracts';
import { InvalidRequestException } from '../common/error-filter';
import { componentToBundle, connectorToBundle, dataflowToBundle, keysForSteps, systemToBundle, type Db } from './bundle-mapping';

/**
 * The chosen components with everything they need: their forms, their dataflows (the latest
 * published version; the draft only when none is published), and the systems, connectors
 * (with all their endpoints) that those dataflows call. Secrets are never read: connectors
 * list the names of the secrets they need. `warnings` names what was left out on purpose.
 */
export async function exportBundle(db: Db, input: ExportBundleRequest): Promise<Bundle> {
  const request = ExportBundleRequest.parse(input);
  const keys = [...new Set(request.components)];
  const components = await db.component.findMany({
    where: { key: { in: keys } },
    include: { forms: { include: { dataflow: { select: { key: true, componentId: true } } } } },
  });
  const missing = keys.filter((key) => !components.some((component) => component.key === key));
  if (missing.length) {
    throw new InvalidRequestException(
      missing.map((key) => ({ path: ['components', request.components.indexOf(key)], message: `No component with the key "${key}"` })),
      'Some components do not exist',
    );
  }
  components.sort((a, b) => keys.indexOf(a.key) - keys.indexOf(b.key));
  const componentIds = new Set(components.map((component) => component.id));
  const warnings: string[] = [];

  // Dataflows of the components, and any other dataflow their forms run.
  const formDataflowIds = components.flatMap((component) => component.forms.map((form) => form.dataflowId).filter((id): id is string => !!id));
  const dataflows = await db.dataflow.findMany({
    where: { OR: [{ componentId: { in: [...componentIds] } }, { id: { in: formDataflowIds } }] },
    include: { versions: { orderBy: { version: 'desc' } }, component: { select: { key: true } } },
    orderBy: { key: 'asc' },
  });
  const chosen = dataflows.map((dataflow) => {
    const published = dataflow.versions.find((version) => version.status === 'published');
    const version = published ?? dataflow.versions[0]!;
    if (!published) warnings.push(`Dataflow "${dataflow.key}" has no published version: its draft (version ${version.version}) was exported.`);
    else if (dataflow.versions[0]!.status === 'draft') warnings.push(`Dataflow "${dataflow.key}": the unpublished draft (version ${dataflow.versions[0]!.version}) was left out; published version ${published.version} was exported.`);
    return { dataflow, version };
  });
  const stepKeys = await keysForSteps(db, chosen.map(({ version }) => version.steps as unknown[]));
  const exportedDataflows: BundleDataflow[] = chosen.map(({ dataflow, version }) => {
    if (dataflow.componentId && !componentIds.has(dataflow.componentId)) {
      warnings.push(`Dataflow "${dataflow.key}" belongs to component "${dataflow.component?.key}", which is not exported: the importing installation must have it.`);
    }
    return dataflowToBundle(dataflow, dataflow.component?.key ?? null, version, stepKeys);
  });

  // What the steps reference.
  const connectorIds = new Set<string>();
  for (const [index, dataflow] of exportedDataflows.entries()) {
    const steps = chosen[index]!.version.steps as Array<{ type: string; config: Record<string, string> }>;
    dataflow.steps.forEach((step, position) => {
      if (step.type === 'execute_api_call') {
        const connectorId = steps[position]!.config.connectorId!;
        if (step.config.system.startsWith('missing:') || step.config.connector.startsWith('missing:') || step.config.endpoint.startsWith('missing:')) {
          warnings.push(`Dataflow "${dataflow.key}", step "${step.name}": it calls a system, connector or query path that no longer exists; fix the step before importing.`);
        } else connectorIds.add(connectorId);
      }
      if (step.type === 'update_entry') {
        if (step.config.component.startsWith('missing:')) warnings.push(`Dataflow "${dataflow.key}", step "${step.name}": it writes to a component that no longer exists.`);
        else if (!components.some((component) => component.key === step.config.component)) {
          warnings.push(`Dataflow "${dataflow.key}", step "${step.name}" writes to component "${step.config.component}", which is not exported: the importing installation must have it.`);
        }
      }
    });
  }
  const connectors = await db.connector.findMany({
    where: { id: { in: [...connectorIds] } },
    include: { endpoints: true, system: true },
    orderBy: [{ key: 'asc' }],
  });
  const systems = new Map<string, { row: (typeof connectors)[number]['system']; connectors: BundleConnector[] }>();
  for (const connector of connectors) {
    const entry = systems.get(connector.systemId) ?? { row: connector.system, connectors: [] };
    entry.connectors.push(connectorToBundle(connector, connector.endpoints));
    systems.set(connector.systemId, entry);
  }
  const exportedSystems: BundleSystem[] = [...systems.values()].sort((a, b) => a.row.key.localeCompare(b.row.key)).map(({ row, connectors: list }) => systemToBundle(row, list));
  for (const system of exportedSystems) {
    for (const connector of system.connectors) {
      if (connector.secrets.length) warnings.push(`Connector "${system.key}/${connector.key}" needs ${connector.secrets.join(', ')}: secrets are never exported; supply them on import.`);
    }
  }

  for (const component of components) {
    for (const form of component.forms) {
      const userIds = ((form.access as { userIds?: string[] }).userIds ?? []).length;
      if (userIds) warnings.push(`Form "${component.key}/${form.key}" is granted to ${userIds} individual user(s): only its roles are exported.`);
    }
  }

  let records: Bundle['records'];
  if (request.includeRecords) {
    records = {};
    for (const component of components) {
      const rows = await db.entityRecord.findMany({ where: { componentId: component.id }, orderBy: { id: 'asc' }, select: { data: true } });
      records[component.key] = rows.map((row) => row.data as Record<string, unknown>);
    }
  }

  return {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    exportedAt: new Date().toISOString(),
    ...(warnings.length ? { warnings } : {}),
    components: components.map((component) => componentToBundle(component, component.forms)),
    dataflows: exportedDataflows,
    systems: exportedSystems,
    ...(records ? { records } : {}),
  };
}
