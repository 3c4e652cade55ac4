import type { DataflowDefinition, MappingValue, Step, ValidationIssue } from '@conflux/contracts';
import { compileExpression } from '../expressions';

export type IssuePath = ValidationIssue['path'];

/** What the engine needs to know about the catalog and components to check references. */
export interface DataflowReferences {
  endpoint(id: string): Promise<{ connectorId: string; methods: string[]; path: string; parameters: Array<{ name: string; in: string; required: boolean }> } | null>;
  connector(id: string): Promise<{ systemId: string } | null>;
  systemExists(id: string): Promise<boolean>;
  componentExists(id: string): Promise<boolean>;
}

/**
 * Every problem with a dataflow definition, each with the path of the step field it is
 * about (`steps.2.config.condition`), so the editor can show it next to the field:
 * duplicate step ids, a missing, later or own source step (no cycle can survive this),
 * expressions that do not parse, and references to systems, connectors, endpoints and
 * components that do not exist or do not belong together.
 */
export async function validateDataflow(definition: DataflowDefinition, references: DataflowReferences): Promise<ValidationIssue[]> {
  const issues: ValidationIssue[] = [...validateStructure(definition.steps)];
  for (const [index, step] of definition.steps.entries()) {
    const at = (...path: IssuePath) => ['steps', index, ...path];
    issues.push(...expressionIssues(step).map((issue) => ({ path: at(...issue.path), message: issue.message })));
    issues.push(...(await referenceIssues(step, references)).map((issue) => ({ path: at(...issue.path), message: issue.message })));
  }
  return issues;
}

export function validateStructure(steps: Step[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const seen = new Map<string, number>();
  steps.forEach((step, index) => {
    if (seen.has(step.id)) issues.push({ path: ['steps', index, 'id'], message: `Another step (#${seen.get(step.id)! + 1}) has the id "${step.id}"` });
    else seen.set(step.id, index);
  });
  steps.forEach((step, index) => {
    const at: IssuePath = ['steps', index, 'sourceStepId'];
    if (index === 0) {
      if (step.sourceStepId) issues.push({ path: at, message: 'The first step has no source step' });
      if (step.type !== 'input') issues.push({ path: ['steps', 0, 'type'], message: 'The first step must be an Input step' });
      return;
    }
    if (step.type === 'input') issues.push({ path: ['steps', index, 'type'], message: 'Only the first step can be an Input step' });
    if (!step.sourceStepId) {
      issues.push({ path: at, message: 'Choose the source step' });
      return;
    }
    const source = seen.get(step.sourceStepId);
    if (step.sourceStepId === step.id) issues.push({ path: at, message: 'A step cannot be its own source (cycle)' });
    else if (source === undefined) issues.push({ path: at, message: `No step has the id "${step.sourceStepId}"` });
    else if (source > index) issues.push({ path: at, message: `The source step "${step.sourceStepId}" comes after this step (move it earlier)` });
  });
  return issues;
}

function expression(source: string, path: IssuePath): ValidationIssue[] {
  const compiled = compileExpression(source);
  if (compiled.ok) return [];
  const where = compiled.error.position === undefined ? '' : ` (at character ${compiled.error.position})`;
  return [{ path, message: `${compiled.error.message}${where}` }];
}

function mapping(value: MappingValue | undefined, path: IssuePath): ValidationIssue[] {
  return value?.kind === 'expression' ? expression(value.source, [...path, 'source']) : [];
}

function expressionIssues(step: Step): ValidationIssue[] {
  switch (step.type) {
    case 'execute_api_call': {
      const { config } = step;
      const issues = config.parameters.flatMap((parameter, i) => mapping(parameter.value, ['config', 'parameters', i, 'value']));
      if (config.result.kind === 'expression') issues.push(...expression(config.result.source, ['config', 'result', 'source']));
      const pagination = config.pagination;
      if (pagination.type !== 'none') {
        issues.push(...expression(pagination.items, ['config', 'pagination', 'items']));
        if (pagination.type === 'next_url') issues.push(...expression(pagination.nextUrl, ['config', 'pagination', 'nextUrl']));
        if (pagination.type === 'cursor') issues.push(...expression(pagination.nextCursor, ['config', 'pagination', 'nextCursor']));
      }
      return issues;
    }
    case 'transform_model':
    case 'write_response':
      return step.config.fields.flatMap((field, i) => mapping(field.value, ['config', 'fields', i, 'value']));
    case 'filter':
      return expression(step.config.condition, ['config', 'condition']);
    case 'update_entry':
      return [
        ...mapping(step.config.recordId, ['config', 'recordId']),
        ...step.config.fields.flatMap((field, i) => mapping(field.value, ['config', 'fields', i, 'value'])),
      ];
    default:
      return [];
  }
}

async function referenceIssues(step: Step, references: DataflowReferences): Promise<ValidationIssue[]> {
  if (step.type === 'update_entry') {
    const issues: ValidationIssue[] = [];
    if (!(await references.componentExists(step.config.componentId))) issues.push({ path: ['config', 'componentId'], message: 'No such component' });
    if (step.config.operation !== 'create' && !step.config.recordId) issues.push({ path: ['config', 'recordId'], message: `Say which record to ${step.config.operation}` });
    return issues;
  }
  if (step.type !== 'execute_api_call') return [];
  const { systemId, connectorId, endpointId, method, parameters } = step.config;
  if (!(await references.systemExists(systemId))) return [{ path: ['config', 'systemId'], message: 'No such system' }];
  const connector = await references.connector(connectorId);
  if (!connector) return [{ path: ['config', 'connectorId'], message: 'No such connector' }];
  if (connector.systemId !== systemId) return [{ path: ['config', 'connectorId'], message: 'This connector belongs to another system' }];
  const endpoint = await references.endpoint(endpointId);
  if (!endpoint) return [{ path: ['config', 'endpointId'], message: 'No such query path' }];
  if (endpoint.connectorId !== connectorId) return [{ path: ['config', 'endpointId'], message: 'This query path belongs to another connector' }];
  const issues: ValidationIssue[] = [];
  if (!endpoint.methods.includes(method)) issues.push({ path: ['config', 'method'], message: `${endpoint.path} allows ${endpoint.methods.join(', ')}` });
  const mappedPath = new Set(parameters.filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name));
  for (const parameter of endpoint.parameters.filter((p) => p.in === 'path' && !mappedPath.has(p.name))) {
    issues.push({ path: ['config', 'parameters'], message: `Map the path parameter {${parameter.name}}` });
  }
  return issues;
}
