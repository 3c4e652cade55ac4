import { z } from 'zod';
import { HttpMethod, Key } from './catalog';
import { PageQuery, pageOf } from './pagination';

/**
 * A dataflow's definition: steps in order, each but the first naming an earlier step as its
 * source. The JSON model passes from a step to the steps whose source it is.
 */

/** A value in a mapping: a JSONata expression over the model, or a literal. */
export const MappingValue = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('expression'), source: z.string().min(1, 'Enter an expression').max(20_000) }),
  z.object({ kind: z.literal('literal'), value: z.unknown() }),
]);
export type MappingValue = z.infer<typeof MappingValue>;

/** A dot path into the model ("weather", "api.forecast"): where a step stores its result. */
export const ModelPath = z
  .string()
  .trim()
  .min(1, 'Name the field')
  .max(200)
  .regex(/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/, 'Use a field name or a dot path such as weather.current');

export const StepId = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/, 'Use letters, digits, - and _');

const StepBase = z.object({
  id: StepId,
  name: z.string().trim().min(1, 'Name the step').max(200),
  /** Absent on the first step only. */
  sourceStepId: StepId.optional(),
});

export const InputStep = StepBase.extend({
  type: z.literal('input'),
  config: z.object({
    /** form: the submitted form model; raw: the JSON given by the caller; empty: {} (schedules). */
    mode: z.enum(['form', 'raw', 'empty']).default('raw'),
  }),
});

export const ExecuteScriptStep = StepBase.extend({
  type: z.literal('execute_script'),
  config: z.object({
    /** JavaScript run in the sandbox; reads and sets variables on `item` (the model). */
    code: z.string().max(100_000),
    timeoutMs: z.number().int().min(10).max(30_000).default(1_000),
  }),
});

export const ParameterMapping = z.object({
  in: z.enum(['path', 'query', 'header', 'body']),
  /** Parameter name; for `body`, a dot path into the body, or empty for the whole body. */
  name: z.string().max(200),
  value: MappingValue,
});
export type ParameterMapping = z.infer<typeof ParameterMapping>;

export const Pagination = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }),
  z.object({
    type: z.literal('next_url'),
    /** JSONata over the response ({status, headers, body}) giving the next page's URL, or nothing to stop. */
    nextUrl: z.string().min(1),
    items: z.string().min(1),
    maxPages: z.number().int().min(1).max(1_000).default(10),
  }),
  z.object({
    type: z.literal('page'),
    parameter: z.string().min(1),
    firstPage: z.number().int().min(0).default(1),
    items: z.string().min(1),
    maxPages: z.number().int().min(1).max(1_000).default(10),
  }),
  z.object({
    type: z.literal('offset'),
    parameter: z.string().min(1),
    limitParameter: z.string().min(1),
    limit: z.number().int().min(1).max(10_000),
    items: z.string().min(1),
    maxPages: z.number().int().min(1).max(1_000).default(10),
  }),
  z.object({
    type: z.literal('cursor'),
    parameter: z.string().min(1),
    /** JSONata over the response giving the next cursor, or nothing to stop. */
    nextCursor: z.string().min(1),
    items: z.string().min(1),
    maxPages: z.number().int().min(1).max(1_000).default(10),
  }),
]);
export type Pagination = z.infer<typeof Pagination>;

export const ExecuteApiCallStep = StepBase.extend({
  type: z.literal('execute_api_call'),
  config: z.object({
    resultStoreField: ModelPath,
    systemId: z.string().uuid('Choose a system'),
    connectorId: z.string().uuid('Choose a connector'),
    /** The query path: an endpoint of the connector. */
    endpointId: z.string().uuid('Choose a query path'),
    method: HttpMethod,
    parameters: z.array(ParameterMapping).max(200).default([]),
    /** Which statuses count as success, e.g. "2xx" or "200,201,404". */
    successStatuses: z
      .string()
      .regex(/^\s*([1-5](xx|\d\d))(\s*,\s*[1-5](xx|\d\d))*\s*$/, 'Use statuses or classes such as 2xx, 404')
      .default('2xx'),
    /** What goes to the result store field: the whole response, its body, or an expression over {status, headers, body}. */
    result: z
      .discriminatedUnion('kind', [
        z.object({ kind: z.literal('response') }),
        z.object({ kind: z.literal('body') }),
        z.object({ kind: z.literal('expression'), source: z.string().min(1) }),
      ])
      .default({ kind: 'body' }),
    pagination: Pagination.default({ type: 'none' }),
  }),
});

export const TransformModelStep = StepBase.extend({
  type: z.literal('transform_model'),
  config: z.object({
    /** Output model fields (dot paths) and their values. */
    fields: z.array(z.object({ path: ModelPath, value: MappingValue })).max(500),
    /** Start from the incoming model (true) or from an empty one. */
    keepModel: z.boolean().default(true),
  }),
});

export const FilterStep = StepBase.extend({
  type: z.literal('filter'),
  config: z.object({ condition: z.string().min(1, 'Enter a condition').max(20_000) }),
});

export const UpdateEntryStep = StepBase.extend({
  type: z.literal('update_entry'),
  config: z.object({
    componentId: z.string().uuid('Choose a component'),
    operation: z.enum(['create', 'update', 'delete']),
    /** The record to update or delete. */
    recordId: MappingValue.optional(),
    /** Record properties and their values (create and update). */
    fields: z.array(z.object({ property: z.string().min(1).max(200), value: MappingValue })).max(500).default([]),
    resultStoreField: ModelPath,
  }),
});

export const WriteResponseStep = StepBase.extend({
  type: z.literal('write_response'),
  config: z.object({
    /** The model as it is, or a mapping of it. */
    mode: z.enum(['model', 'mapping']).default('model'),
    fields: z.array(z.object({ path: ModelPath, value: MappingValue })).max(500).default([]),
  }),
});

export const Step = z.discriminatedUnion('type', [
  InputStep,
  ExecuteScriptStep,
  ExecuteApiCallStep,
  TransformModelStep,
  FilterStep,
  UpdateEntryStep,
  WriteResponseStep,
]);
export type Step = z.infer<typeof Step>;
export type StepInput = z.input<typeof Step>;
export type StepType = Step['type'];
export const STEP_TYPES = ['input', 'execute_script', 'execute_api_call', 'transform_model', 'filter', 'update_entry', 'write_response'] as const;

export const DataflowDefinition = z.object({
  name: z.string().trim().min(1, 'Name the dataflow').max(200),
  description: z.string().max(10_000).default(''),
  /** Optional JSON Schema the input model must satisfy. */
  inputSchema: z.record(z.string(), z.unknown()).nullable().default(null),
  steps: z.array(Step).min(1, 'Add at least an Input step').max(200),
});
export type DataflowDefinition = z.infer<typeof DataflowDefinition>;

export const CreateDataflowRequest = DataflowDefinition.extend({ key: Key, componentId: z.string().uuid().nullable().default(null) });
export type CreateDataflowRequest = z.input<typeof CreateDataflowRequest>;
export const SaveDraftRequest = DataflowDefinition;
export type SaveDraftRequest = z.input<typeof SaveDraftRequest>;

export const DataflowVersionSummary = z.object({
  version: z.number().int(),
  status: z.enum(['draft', 'published']),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
});

export const DataflowVersion = DataflowVersionSummary.extend({
  inputSchema: z.record(z.string(), z.unknown()).nullable(),
  steps: z.array(Step),
});
export type DataflowVersion = z.infer<typeof DataflowVersion>;

export const DataflowSummary = z.object({
  id: z.string().uuid(),
  key: z.string(),
  name: z.string(),
  description: z.string(),
  componentId: z.string().uuid().nullable(),
  latestVersion: z.number().int(),
  publishedVersion: z.number().int().nullable(),
  hasDraft: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DataflowSummary = z.infer<typeof DataflowSummary>;

export const Dataflow = DataflowSummary.extend({
  /** The version being edited: the draft if there is one, otherwise the latest published. */
  current: DataflowVersion,
  versions: z.array(DataflowVersionSummary),
});
export type Dataflow = z.infer<typeof Dataflow>;

export const DataflowListQuery = PageQuery.extend({ search: z.string().trim().max(200).optional() });
export const DataflowList = pageOf(DataflowSummary);
export type DataflowList = z.infer<typeof DataflowList>;

// ---------------------------------------------------------------- runs

export const RunStatus = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']);
export type RunStatus = z.infer<typeof RunStatus>;
export const RunTrigger = z.enum(['form', 'api', 'schedule', 'editor']);
export const StepRunStatus = z.enum(['running', 'succeeded', 'failed', 'skipped', 'cancelled']);

export const StartRunRequest = z.object({
  input: z.record(z.string(), z.unknown()).default({}),
  /** Seconds to wait for the result (at most 30); without it the answer is 202 at once. */
  wait: z.coerce.number().min(0).max(30).optional(),
  /** The draft runs only as an editor test run. */
  version: z.union([z.literal('published'), z.literal('draft'), z.number().int().min(1)]).default('published'),
  /** A resubmitted request with the same key returns the run it already started. */
  idempotencyKey: z.string().min(1).max(200).optional(),
});
export type StartRunRequest = z.input<typeof StartRunRequest>;

export const RunError = z.object({ message: z.string(), stepId: z.string().optional(), stepName: z.string().optional() });

export const StepRunView = z.object({
  stepId: z.string(),
  stepName: z.string(),
  stepType: z.string(),
  status: StepRunStatus,
  attempts: z.number().int(),
  modelBefore: z.unknown().nullable(),
  modelAfter: z.unknown().nullable(),
  request: z.unknown().nullable(),
  response: z.unknown().nullable(),
  error: z.unknown().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
});
export type StepRunView = z.infer<typeof StepRunView>;

export const RunSummary = z.object({
  id: z.string().uuid(),
  dataflowKey: z.string(),
  dataflowName: z.string(),
  version: z.number().int(),
  trigger: RunTrigger,
  status: RunStatus,
  error: RunError.nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
});
export type RunSummary = z.infer<typeof RunSummary>;

export const RunView = RunSummary.extend({
  input: z.unknown(),
  output: z.unknown().nullable(),
  deadlineAt: z.string(),
  steps: z.array(StepRunView),
});
export type RunView = z.infer<typeof RunView>;

export const RunListQuery = PageQuery.extend({
  dataflow: z.string().optional(),
  status: RunStatus.optional(),
  trigger: RunTrigger.optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export type RunListQuery = z.infer<typeof RunListQuery>;
export const RunList = pageOf(RunSummary);
export type RunList = z.infer<typeof RunList>;

/** Server-sent events of a run: `step` whenever a step run changes, `run` when the run does. */
export const RunEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('run'), run: RunSummary }),
  z.object({ type: z.literal('step'), step: StepRunView }),
]);
export type RunEvent = z.infer<typeof RunEvent>;
