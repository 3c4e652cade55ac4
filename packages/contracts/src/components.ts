import { z } from 'zod';
import { Key } from './catalog';
import { PageQuery, pageOf } from './pagination';

// ---------------------------------------------------------------- entity model

export const PropertyType = z.enum(['string', 'number', 'integer', 'boolean', 'date', 'datetime', 'uri', 'array', 'object']);
export type PropertyType = z.infer<typeof PropertyType>;

export const EntityProperty = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Name the property')
    .max(100)
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'Use letters, digits and _, starting with a letter'),
  type: PropertyType,
  /** Label shown in tables and forms. */
  title: z.string().max(200).default(''),
  required: z.boolean().default(false),
  /** Applied when a record is created without the property. */
  default: z.unknown().optional(),
  /** The property that names a record in lists (one per model at most). */
  isTitle: z.boolean().default(false),
});
export type EntityProperty = z.infer<typeof EntityProperty>;

export const EntityModel = z
  .object({ properties: z.array(EntityProperty).max(200) })
  .superRefine((model, ctx) => {
    const seen = new Set<string>();
    model.properties.forEach((property, index) => {
      if (seen.has(property.name)) ctx.addIssue({ code: 'custom', path: ['properties', index, 'name'], message: `"${property.name}" is already a property` });
      seen.add(property.name);
    });
    if (model.properties.filter((property) => property.isTitle).length > 1) {
      ctx.addIssue({ code: 'custom', path: ['properties'], message: 'Only one property can be the title' });
    }
  });
export type EntityModel = z.infer<typeof EntityModel>;

const valueSchemas: Record<PropertyType, z.ZodType> = {
  string: z.string(),
  number: z.number(),
  integer: z.number().int(),
  boolean: z.boolean(),
  date: z.iso.date('Use a date such as 2026-12-03'),
  datetime: z.iso.datetime({ offset: true, message: 'Use a date and time such as 2026-12-03T14:00:00Z' }),
  uri: z.url('Use a URL'),
  array: z.array(z.unknown()),
  object: z.record(z.string(), z.unknown()),
};

/**
 * The zod schema of a record's data under an entity model: the same rules for the API,
 * the Update entry step and the web app. Unknown properties are refused (a typo must not
 * be stored silently); defaults fill missing properties when `applyDefaults` is set (create).
 */
export function recordDataSchema(model: EntityModel, options: { applyDefaults?: boolean; partial?: boolean } = {}) {
  const shape: Record<string, z.ZodType> = {};
  for (const property of model.properties) {
    let schema: z.ZodType = valueSchemas[property.type];
    if (options.applyDefaults && property.default !== undefined) schema = schema.default(property.default as never);
    else if (!property.required || options.partial) schema = schema.optional().nullable();
    shape[property.name] = schema;
  }
  return z.strictObject(shape);
}

// ---------------------------------------------------------------- view descriptions (display functions)

export const Tone = z.enum(['info', 'success', 'warning', 'error']);
const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const ViewBlock = z.discriminatedUnion('type', [
  z.object({ type: z.literal('keyValue'), pairs: z.array(z.object({ label: z.string(), value: Scalar })).max(200) }),
  z.object({
    type: z.literal('table'),
    columns: z.array(z.string()).max(50),
    rows: z.array(z.array(Scalar)).max(1_000),
  }),
  z.object({ type: z.literal('list'), items: z.array(Scalar).max(1_000) }),
  z.object({ type: z.literal('message'), tone: Tone.default('info'), text: z.string().max(10_000) }),
]);
export type ViewBlock = z.infer<typeof ViewBlock>;

/** What a display function returns and the web app renders: a title and a few blocks. */
export const ViewDescription = z.object({
  title: z.string().max(500).optional(),
  blocks: z.array(ViewBlock).max(50),
});
export type ViewDescription = z.infer<typeof ViewDescription>;

// ---------------------------------------------------------------- components

export const Component = z.object({
  id: z.string().uuid(),
  key: z.string(),
  name: z.string(),
  description: z.string(),
  entityModel: EntityModel,
  /** Sandboxed JavaScript: receives the run's output as `item`, returns a ViewDescription. */
  displayFunction: z.string().nullable(),
  recordCount: z.number().int(),
  dataflowKeys: z.array(z.string()),
  formCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Component = z.infer<typeof Component>;

export const ComponentListQuery = PageQuery.extend({ search: z.string().trim().max(200).optional() });
export const ComponentList = pageOf(Component);
export type ComponentList = z.infer<typeof ComponentList>;

export const CreateComponentRequest = z.object({
  key: Key,
  name: z.string().trim().min(1, 'Enter a name').max(200),
  description: z.string().max(10_000).default(''),
  entityModel: EntityModel.default({ properties: [] }),
  displayFunction: z.string().max(100_000).nullable().default(null),
});
export type CreateComponentRequest = z.input<typeof CreateComponentRequest>;

export const UpdateComponentRequest = z
  .object({
    key: Key,
    name: z.string().trim().min(1, 'Enter a name').max(200),
    description: z.string().max(10_000),
    entityModel: EntityModel,
    displayFunction: z.string().max(100_000).nullable(),
  })
  .partial();
export type UpdateComponentRequest = z.input<typeof UpdateComponentRequest>;

/** 409 when a new entity model does not fit records already stored. */
export const IncompatibleRecords = z.object({
  statusCode: z.literal(409),
  message: z.string(),
  records: z.array(z.object({ id: z.string(), issues: z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() })) })),
});

/** Dry run of a display function on a sample output, for the editor. */
export const PreviewDisplayRequest = z.object({ displayFunction: z.string().max(100_000).nullable(), output: z.unknown() });
export const PreviewDisplayResponse = z.object({ view: ViewDescription, error: z.string().optional() });

// ---------------------------------------------------------------- records

export const EntityRecord = z.object({
  id: z.string().uuid(),
  componentId: z.string().uuid(),
  data: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type EntityRecord = z.infer<typeof EntityRecord>;

export const RecordListQuery = z.object({
  /** Offset pagination: records sort by any property, which keyset pagination cannot follow. */
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  sort: z.string().max(100).optional(),
  order: z.enum(['asc', 'desc']).default('asc'),
  /** filter.<property>=value: equality on the property's text value. */
  filter: z.record(z.string(), z.string()).optional(),
});
export type RecordListQuery = z.infer<typeof RecordListQuery>;
export const RecordList = z.object({ items: z.array(EntityRecord), total: z.number().int(), offset: z.number().int(), limit: z.number().int() });
export type RecordList = z.infer<typeof RecordList>;

export const RecordWriteRequest = z.object({ data: z.record(z.string(), z.unknown()) });
export type RecordWriteRequest = z.infer<typeof RecordWriteRequest>;

// ---------------------------------------------------------------- forms

export const FormFieldType = z.enum(['text', 'textarea', 'number', 'select', 'checkbox', 'date', 'email']);

export const FormField = z.object({
  name: z.string().trim().min(1).max(100).regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'Use letters, digits and _'),
  label: z.string().trim().min(1, 'Label the field').max(200),
  type: FormFieldType,
  help: z.string().max(1_000).default(''),
  required: z.boolean().default(false),
  /** number: minimum and maximum value; text: minimum and maximum length. */
  min: z.number().optional(),
  max: z.number().optional(),
  pattern: z.string().max(500).optional(),
  options: z.array(z.object({ value: z.string(), label: z.string() })).max(500).default([]),
  /** Where the value goes in the Input model (a dot path); the field name when empty. */
  binding: z.string().max(200).default(''),
});
export type FormField = z.infer<typeof FormField>;

export const FormAccess = z.object({
  roles: z.array(z.enum(['admin', 'user'])).default([]),
  userIds: z.array(z.string().uuid()).default([]),
});

export const Form = z.object({
  id: z.string().uuid(),
  componentId: z.string().uuid(),
  componentKey: z.string(),
  key: z.string(),
  name: z.string(),
  description: z.string(),
  fields: z.array(FormField),
  /** The component dataflow the submit action runs (its published version). */
  dataflowKey: z.string().nullable(),
  access: FormAccess,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Form = z.infer<typeof Form>;
export const FormList = z.object({ items: z.array(Form) });

export const CreateFormRequest = z.object({
  key: Key,
  name: z.string().trim().min(1, 'Enter a name').max(200),
  description: z.string().max(10_000).default(''),
  fields: z.array(FormField).max(200).default([]),
  dataflowKey: z.string().nullable().default(null),
  access: FormAccess.default({ roles: ['user'], userIds: [] }),
});
export type CreateFormRequest = z.input<typeof CreateFormRequest>;
export const UpdateFormRequest = z
  .object({
    key: Key,
    name: z.string().trim().min(1).max(200),
    description: z.string().max(10_000),
    fields: z.array(FormField).max(200),
    dataflowKey: z.string().nullable(),
    access: FormAccess,
  })
  .partial();
export type UpdateFormRequest = z.input<typeof UpdateFormRequest>;

/**
 * The zod schema of a submission's values: the same checks in the browser (before
 * sending) and on the server (before starting a run).
 */
export function formValuesSchema(fields: FormField[]) {
  const shape: Record<string, z.ZodType> = {};
  for (const field of fields) {
    let schema: z.ZodType;
    switch (field.type) {
      case 'number': {
        let number = z.number({ error: `${field.label}: enter a number` });
        if (field.min !== undefined) number = number.min(field.min, `${field.label}: at least ${field.min}`);
        if (field.max !== undefined) number = number.max(field.max, `${field.label}: at most ${field.max}`);
        schema = number;
        break;
      }
      case 'checkbox':
        schema = z.boolean();
        break;
      case 'select':
        schema = z.enum(field.options.map((option) => option.value) as [string, ...string[]], { error: `${field.label}: choose one of the options` });
        break;
      case 'date':
        schema = z.iso.date(`${field.label}: enter a date`);
        break;
      case 'email':
        schema = z.email(`${field.label}: enter an email address`);
        break;
      default: {
        let text = z.string();
        if (field.required) text = text.trim().min(1, `${field.label} is required`);
        if (field.min !== undefined) text = text.min(field.min, `${field.label}: at least ${field.min} characters`);
        if (field.max !== undefined) text = text.max(field.max, `${field.label}: at most ${field.max} characters`);
        if (field.pattern) text = text.regex(new RegExp(field.pattern), `${field.label} has the wrong format`);
        schema = text;
      }
    }
    // An optional field left empty is absent, whatever its type (an empty date is not a bad date).
    shape[field.name] = field.required ? schema : z.preprocess((value) => (value === '' ? undefined : value), schema.optional());
  }
  return z.strictObject(shape);
}

// ---------------------------------------------------------------- the end-user side

/** A form as an end user sees it: no dataflow internals, no access lists. */
export const UserForm = Form.pick({ id: true, key: true, name: true, description: true, fields: true }).extend({ componentName: z.string() });
export type UserForm = z.infer<typeof UserForm>;
export const UserFormList = z.object({ items: z.array(UserForm) });

export const SubmitFormRequest = z.object({
  values: z.record(z.string(), z.unknown()),
  /** One per submission, made by the browser: a double click or a retried request starts one run. */
  idempotencyKey: z.string().min(8).max(200),
});
export type SubmitFormRequest = z.infer<typeof SubmitFormRequest>;

/** A submission as its user sees it: progress, a failure in words, and the displayed result. */
export const Submission = z.object({
  runId: z.string().uuid(),
  formId: z.string().uuid().nullable(),
  formName: z.string().nullable(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']),
  steps: z.array(z.object({ name: z.string(), status: z.string() })),
  /** On failure: which step, and what went wrong in words (never a secret). */
  failure: z.object({ stepName: z.string().nullable(), message: z.string() }).nullable(),
  view: ViewDescription.nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type Submission = z.infer<typeof Submission>;
export const SubmissionList = pageOf(Submission);
export type SubmissionList = z.infer<typeof SubmissionList>;
export type FormList = z.infer<typeof FormList>;
export type UserFormList = z.infer<typeof UserFormList>;
export type PreviewDisplayResponse = z.infer<typeof PreviewDisplayResponse>;
