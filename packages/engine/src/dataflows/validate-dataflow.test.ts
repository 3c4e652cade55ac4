import { DataflowDefinition } from '@conflux/contracts';
import { validateDataflow, type DataflowReferences } from './validate-dataflow';

const SYSTEM = '0190d6a0-0000-7000-8000-000000000001';
const CONNECTOR = '0190d6a0-0000-7000-8000-000000000002';
const ENDPOINT = '0190d6a0-0000-7000-8000-000000000003';
const OTHER = '0190d6a0-0000-7000-8000-000000000009';

const references: DataflowReferences = {
  systemExists: async (id) => id === SYSTEM,
  connector: async (id) => (id === CONNECTOR ? { systemId: SYSTEM } : id === OTHER ? { systemId: OTHER } : null),
  endpoint: async (id) => (id === ENDPOINT ? { connectorId: CONNECTOR, methods: ['GET'], path: '/forecast/{city}', parameters: [{ name: 'city', in: 'path', required: true }] } : null),
  componentExists: async () => false,
};

const definition = (steps: unknown[]) => DataflowDefinition.parse({ name: 'Flow', steps });
const input = { id: 'input', name: 'Input', type: 'input', config: {} };
const call = (overrides: Record<string, unknown> = {}, sourceStepId = 'input') => ({
  id: 'call',
  name: 'Call',
  type: 'execute_api_call',
  sourceStepId,
  config: {
    resultStoreField: 'weather',
    systemId: SYSTEM,
    connectorId: CONNECTOR,
    endpointId: ENDPOINT,
    method: 'GET',
    parameters: [{ in: 'path', name: 'city', value: { kind: 'expression', source: 'city' } }],
    ...overrides,
  },
});

describe('validateDataflow', () => {
  it('accepts a correct dataflow', async () => {
    expect(await validateDataflow(definition([input, call()]), references)).toEqual([]);
  });

  it('lists every structural problem with its step and field', async () => {
    const issues = await validateDataflow(
      definition([
        { ...input, sourceStepId: 'x' },
        { id: 'a', name: 'A', type: 'filter', sourceStepId: 'b', config: { condition: 'true' } },
        { id: 'b', name: 'B', type: 'filter', sourceStepId: 'b', config: { condition: 'true' } },
        { id: 'b', name: 'B2', type: 'filter', config: { condition: 'true' } },
        { id: 'c', name: 'C', type: 'filter', sourceStepId: 'nope', config: { condition: 'true' } },
        { id: 'd', name: 'D', type: 'input', sourceStepId: 'input', config: {} },
      ]),
      references,
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: ['steps', 0, 'sourceStepId'], message: 'The first step has no source step' },
        { path: ['steps', 1, 'sourceStepId'], message: 'The source step "b" comes after this step (move it earlier)' },
        { path: ['steps', 2, 'sourceStepId'], message: 'A step cannot be its own source (cycle)' },
        { path: ['steps', 3, 'id'], message: 'Another step (#3) has the id "b"' },
        { path: ['steps', 3, 'sourceStepId'], message: 'Choose the source step' },
        { path: ['steps', 4, 'sourceStepId'], message: 'No step has the id "nope"' },
        { path: ['steps', 5, 'type'], message: 'Only the first step can be an Input step' },
      ]),
    );
  });

  it('names expressions that do not parse, with where', async () => {
    const issues = await validateDataflow(
      definition([input, { id: 'f', name: 'F', type: 'filter', sourceStepId: 'input', config: { condition: 'city = ' } }, call({ parameters: [{ in: 'path', name: 'city', value: { kind: 'expression', source: '$uppercase(' } }] }, 'f')]),
      references,
    );
    expect(issues.map((issue) => issue.path)).toEqual([
      ['steps', 1, 'config', 'condition'],
      ['steps', 2, 'config', 'parameters', 0, 'value', 'source'],
    ]);
  });

  it('checks that system, connector and query path exist and belong together', async () => {
    const missing = await validateDataflow(definition([input, call({ connectorId: '0190d6a0-0000-7000-8000-0000000000ff' })]), references);
    expect(missing).toEqual([{ path: ['steps', 1, 'config', 'connectorId'], message: 'No such connector' }]);
    const foreign = await validateDataflow(definition([input, call({ connectorId: OTHER })]), references);
    expect(foreign).toEqual([{ path: ['steps', 1, 'config', 'connectorId'], message: 'This connector belongs to another system' }]);
    const method = await validateDataflow(definition([input, call({ method: 'DELETE', parameters: [] })]), references);
    expect(method).toEqual([
      { path: ['steps', 1, 'config', 'method'], message: '/forecast/{city} allows GET' },
      { path: ['steps', 1, 'config', 'parameters'], message: 'Map the path parameter {city}' },
    ]);
  });
});
