import { Dataflow, SaveDraftRequest, type Endpoint, type StepInput } from '@conflux/contracts';
import {
  draftFrom,
  literalText,
  literalValue,
  newStep,
  parametersFor,
  removeStep,
  renameStepId,
  requestFrom,
  moveStep,
  type StepDraftOf,
} from './dataflow-draft';
import { headerProblems, problemAt, problemsFrom } from './dataflow-issues';

const SYSTEM = '0190a0e0-0000-7000-8000-000000000001';
const CONNECTOR = '0190a0e0-0000-7000-8000-000000000002';
const ENDPOINT = '0190a0e0-0000-7000-8000-000000000003';
const COMPONENT = '0190a0e0-0000-7000-8000-000000000004';

const steps: StepInput[] = [
  { id: 'input', name: 'Input', type: 'input', config: { mode: 'raw' } },
  { id: 'prepare', name: 'Prepare', sourceStepId: 'input', type: 'execute_script', config: { code: 'item.city = item.city.trim();', timeoutMs: 500 } },
  {
    id: 'get-weather',
    name: 'Get weather',
    sourceStepId: 'prepare',
    type: 'execute_api_call',
    config: {
      resultStoreField: 'weather',
      systemId: SYSTEM,
      connectorId: CONNECTOR,
      endpointId: ENDPOINT,
      method: 'GET',
      parameters: [
        { in: 'path', name: 'city', value: { kind: 'expression', source: 'city' } },
        { in: 'query', name: 'days', value: { kind: 'literal', value: 3 } },
        { in: 'header', name: 'X-Tag', value: { kind: 'literal', value: '42' } },
      ],
      successStatuses: '2xx,404',
      result: { kind: 'expression', source: 'body.current' },
      pagination: { type: 'offset', parameter: 'offset', limitParameter: 'limit', limit: 50, items: 'body.items', maxPages: 4 },
    },
  },
  { id: 'hot', name: 'Only hot days', sourceStepId: 'get-weather', type: 'filter', config: { condition: 'weather.temperatureC > 20' } },
  {
    id: 'shape',
    name: 'Shape',
    sourceStepId: 'hot',
    type: 'transform_model',
    config: { fields: [{ path: 'summary.text', value: { kind: 'literal', value: { warm: true } } }], keepModel: false },
  },
  {
    id: 'store',
    name: 'Store',
    sourceStepId: 'shape',
    type: 'update_entry',
    config: { componentId: COMPONENT, operation: 'update', recordId: { kind: 'expression', source: 'id' }, fields: [{ property: 'temperature', value: { kind: 'expression', source: 'weather.temperatureC' } }], resultStoreField: 'recordId' },
  },
  { id: 'answer', name: 'Answer', sourceStepId: 'store', type: 'write_response', config: { mode: 'mapping', fields: [{ path: 'temperature', value: { kind: 'expression', source: 'weather.temperatureC' } }] } },
];

const dataflow = Dataflow.parse({
  id: '0190a0e0-0000-7000-8000-000000000010',
  key: 'weather-report',
  name: 'Weather report',
  description: '',
  componentId: null,
  latestVersion: 1,
  publishedVersion: null,
  hasDraft: true,
  createdAt: '2026-12-03T10:00:00.000Z',
  updatedAt: '2026-12-03T10:00:00.000Z',
  current: { version: 1, status: 'draft', createdAt: '2026-12-03T10:00:00.000Z', publishedAt: null, inputSchema: null, steps },
  versions: [{ version: 1, status: 'draft', createdAt: '2026-12-03T10:00:00.000Z', publishedAt: null }],
});

describe('the editor draft', () => {
  it('turns every step type back into the same definition it was loaded from', () => {
    const request = requestFrom(draftFrom(dataflow));
    expect(SaveDraftRequest.parse(request).steps).toEqual(dataflow.current.steps);
    // Loading twice gives the same request: the editor's "unsaved changes" compares these.
    expect(JSON.stringify(requestFrom(draftFrom(dataflow)))).toBe(JSON.stringify(request));
  });

  it('reads literals as JSON when they are JSON and as text otherwise, and keeps JSON-looking strings strings', () => {
    expect(literalValue('42')).toBe(42);
    expect(literalValue('true')).toBe(true);
    expect(literalValue('{"a": 1}')).toEqual({ a: 1 });
    expect(literalValue('Oslo')).toBe('Oslo');
    expect(literalText('42')).toBe('"42"');
    expect(literalValue(literalText('42'))).toBe('42');
    expect(literalText('Oslo')).toBe('Oslo');
    expect(literalText(3)).toBe('3');
  });

  it('prefills the parameters of a chosen endpoint, required first, and leaves out optional ones left empty', () => {
    const endpoint = {
      parameters: [
        { name: 'units', in: 'query', type: 'string', required: false, description: '' },
        { name: 'city', in: 'path', type: 'string', required: true, description: '' },
      ],
    } as Endpoint;
    const step = newStep('execute_api_call', []) as StepDraftOf<'execute_api_call'>;
    const typed = [{ rowId: 1, in: 'path' as const, name: 'city', value: { kind: 'expression' as const, text: 'city' }, optional: false }];
    const rows = parametersFor(endpoint, typed);
    expect(rows.map((row) => [row.in, row.name, row.value.text, row.optional])).toEqual([
      ['path', 'city', 'city', false],
      ['query', 'units', '', true],
    ]);
    const request = requestFrom({ name: 'x', description: '', inputSchema: null, steps: [{ ...step, config: { ...step.config, parameters: rows } }] });
    expect((request.steps[0]!.config as { parameters: unknown[] }).parameters).toEqual([{ in: 'path', name: 'city', value: { kind: 'expression', source: 'city' } }]);
  });

  it('keeps sources pointing at renamed steps and hands a removed step’s dependants to its source', () => {
    const draft = draftFrom(dataflow);
    const weather = draft.steps[2]!;
    const renamed = renameStepId(draft.steps, weather.uid, 'forecast');
    expect(renamed[3]!.sourceStepId).toBe('forecast');
    const removed = removeStep(renamed, weather.uid);
    expect(removed.map((step) => step.id)).toEqual(['input', 'prepare', 'hot', 'shape', 'store', 'answer']);
    expect(removed[2]!.sourceStepId).toBe('prepare');
    expect(moveStep(removed, removed[2]!.uid, -1).map((step) => step.id)).toEqual(['input', 'hot', 'prepare', 'shape', 'store', 'answer']);
  });

  it('pins the problems of a save to the steps they were about, and sends unknown ones to the step header', () => {
    const draft = draftFrom(dataflow);
    const uids = draft.steps.map((step) => step.uid);
    const problems = problemsFrom(
      [
        { path: ['body', 'steps', 2, 'config', 'parameters', 0, 'value', 'source'], message: 'Unexpected end of expression' },
        { path: ['steps', 2, 'config', 'parameters'], message: 'Map the path parameter {city}' },
        { path: ['steps', 3, 'config', 'somethingNew'], message: 'Odd' },
        { path: ['name'], message: 'Name the dataflow' },
      ],
      uids,
    );
    const ofWeather = problems.filter((problem) => problem.stepUid === uids[2]);
    expect(problemAt(ofWeather, 'config.parameters.0.value')).toBe('Unexpected end of expression');
    expect(headerProblems(draft.steps[2]!, ofWeather)).toEqual([]);
    const ofFilter = problems.filter((problem) => problem.stepUid === uids[3]);
    expect(headerProblems(draft.steps[3]!, ofFilter)).toEqual([{ stepUid: uids[3], path: 'config.somethingNew', message: 'Odd' }]);
    expect(problems.find((problem) => problem.stepUid === undefined)).toEqual({ path: 'name', message: 'Name the dataflow' });
  });
});
