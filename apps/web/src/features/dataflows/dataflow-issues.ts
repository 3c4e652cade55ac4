import type { StepDraft } from './dataflow-draft';

/**
 * Where the problems of a save go. The API (and the same zod schema run in the browser first)
 * names each problem by its path: ['steps', 2, 'config', 'condition']. The step index is the
 * one at the time of the save, so problems are pinned to the step's card id (`uid`) then, and
 * stay with the step if it is moved afterwards.
 */
export interface Problem {
  /** The card the problem belongs to; absent for the dataflow's own fields. */
  stepUid?: number;
  /** Dotted path inside the step ("config.parameters.0.value.source") or the dataflow ("name"). */
  path: string;
  message: string;
}

export interface Issue {
  path: ReadonlyArray<PropertyKey>;
  message: string;
}

export function problemsFrom(issues: readonly Issue[], stepUids: readonly number[]): Problem[] {
  return issues.map((issue) => {
    const path = issue.path[0] === 'body' ? issue.path.slice(1) : issue.path;
    if (path[0] === 'steps' && typeof path[1] === 'number' && stepUids[path[1]] !== undefined) {
      return { stepUid: stepUids[path[1]], path: path.slice(2).map(String).join('.'), message: issue.message };
    }
    return { path: path.map(String).join('.'), message: issue.message };
  });
}

/** The messages of one step, by path inside the step. */
export type StepProblems = ReadonlyArray<{ path: string; message: string }>;

/** The first message at `path` or below it (e.g. "config.result" also finds "config.result.source"). */
export function problemAt(problems: StepProblems, path: string): string | undefined {
  return problems.find((problem) => problem.path === path || problem.path.startsWith(`${path}.`))?.message;
}

/** The first message exactly at `path` (a table's own message, not its rows'). */
export function problemExactly(problems: StepProblems, path: string): string | undefined {
  return problems.find((problem) => problem.path === path)?.message;
}

const rowPaths = (list: string, count: number, parts: readonly string[]) =>
  Array.from({ length: count }, (_, index) => parts.map((part) => `${list}.${index}.${part}`)).flat();

/**
 * The paths the step's card shows beside a field: `below` covers a field and what is under
 * it, `exact` only the path itself. Whatever else goes to the card's header.
 */
export function fieldPaths(step: StepDraft): { below: string[]; exact: string[] } {
  const below = ['name', 'id', 'sourceStepId'];
  const exact: string[] = [];
  switch (step.type) {
    case 'input':
      below.push('config.mode');
      break;
    case 'execute_script':
      below.push('config.code', 'config.timeoutMs');
      break;
    case 'execute_api_call':
      below.push(
        'config.resultStoreField',
        'config.systemId',
        'config.connectorId',
        'config.endpointId',
        'config.method',
        'config.successStatuses',
        'config.result',
        'config.pagination',
        ...rowPaths('config.parameters', step.config.parameters.length, ['in', 'name', 'value']),
      );
      exact.push('config.parameters');
      break;
    case 'transform_model':
      below.push('config.keepModel', ...rowPaths('config.fields', step.config.fields.length, ['path', 'value']));
      exact.push('config.fields');
      break;
    case 'filter':
      below.push('config.condition');
      break;
    case 'update_entry':
      below.push('config.componentId', 'config.operation', 'config.recordId', 'config.resultStoreField');
      if (step.config.operation !== 'delete') below.push(...rowPaths('config.fields', step.config.fields.length, ['property', 'value']));
      exact.push('config.fields');
      break;
    case 'write_response':
      below.push('config.mode');
      if (step.config.mode === 'mapping') below.push(...rowPaths('config.fields', step.config.fields.length, ['path', 'value']));
      exact.push('config.fields');
      break;
  }
  return { below, exact };
}

/** The problems of a step that no field of its card shows: they go to the card's header. */
export function headerProblems(step: StepDraft, problems: StepProblems): StepProblems {
  const { below, exact } = fieldPaths(step);
  return problems.filter((problem) => !exact.includes(problem.path) && !below.some((path) => problem.path === path || problem.path.startsWith(`${path}.`)));
}

/** A field's name for the summary at the top ("Query path", "Parameter 1 value"). */
export function describePath(path: string): string {
  const names: Record<string, string> = {
    name: 'Step name',
    id: 'Step id',
    sourceStepId: 'Source step',
    type: 'Step type',
    'config.mode': 'Mode',
    'config.code': 'Code',
    'config.timeoutMs': 'Timeout',
    'config.resultStoreField': 'Result store field',
    'config.systemId': 'System',
    'config.connectorId': 'Connector',
    'config.endpointId': 'Query path',
    'config.method': 'Method',
    'config.parameters': 'Parameters mapping',
    'config.successStatuses': 'Success statuses',
    'config.result': 'Result',
    'config.pagination': 'Pagination',
    'config.fields': 'Fields',
    'config.keepModel': 'Keep model',
    'config.condition': 'Condition',
    'config.componentId': 'Component id',
    'config.operation': 'Operation',
    'config.recordId': 'Record id',
  };
  const row = /^config\.(parameters|fields)\.(\d+)\.(\w+)/.exec(path);
  if (row) return `${row[1] === 'parameters' ? 'Parameter' : 'Field'} ${Number(row[2]) + 1} ${row[3]}`;
  const known = Object.keys(names)
    .filter((candidate) => path === candidate || path.startsWith(`${candidate}.`))
    .sort((a, b) => b.length - a.length)[0];
  return known ? names[known]! : path || 'Step';
}
