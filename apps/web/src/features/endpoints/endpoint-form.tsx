'use client';
import {
  CreateEndpointRequest,
  EndpointParameter,
  HttpMethod,
  ParameterType,
  UpdateEndpointRequest,
  pathPlaceholders,
  type Endpoint,
} from '@conflux/contracts';
import { useState, type FormEvent } from 'react';
import { TextField } from '@/components/text-field';
import { formError, pathErrors } from '@/lib/api-client';

type ParameterDraft = EndpointParameter & { id: number };
interface EndpointDraft {
  key: string;
  path: string;
  methods: HttpMethod[];
  summary: string;
  parameters: ParameterDraft[];
}

const LOCATIONS = ['path', 'query', 'header'] as const;
let nextParameterId = 1;
const parameterRow = (changes: Partial<EndpointParameter> = {}): ParameterDraft => ({
  id: nextParameterId++,
  name: '',
  in: 'query',
  type: 'string',
  required: false,
  description: '',
  ...changes,
});

function draftFrom(endpoint?: Endpoint): EndpointDraft {
  return {
    key: endpoint?.key ?? '',
    path: endpoint?.path ?? '',
    methods: endpoint?.methods ?? ['GET'],
    summary: endpoint?.summary ?? '',
    parameters: (endpoint?.parameters ?? []).map((parameter) => parameterRow(parameter)),
  };
}

/** Creates or edits an endpoint: its path template, methods and parameters. */
export function EndpointForm({
  endpoint,
  pending,
  error,
  onSave,
  onCancel,
}: {
  endpoint?: Endpoint;
  pending: boolean;
  error: Error | null;
  onSave: (request: CreateEndpointRequest) => void;
  onCancel: () => void;
}) {
  const editing = Boolean(endpoint);
  const [draft, setDraft] = useState(() => draftFrom(endpoint));
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const titleId = editing ? 'edit-endpoint-title' : 'add-endpoint-title';

  const errors: Record<string, string> = { ...pathErrors(error), ...invalid };
  const parameterPaths = draft.parameters.flatMap((_, index) => ['name', 'in', 'type', 'required', 'description'].map((part) => `parameters.${index}.${part}`));
  const message = formError(error, ['key', 'path', 'methods', 'summary', 'parameters', ...parameterPaths]);
  const declared = draft.parameters.filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name);
  const undescribed = pathPlaceholders(draft.path).filter((name) => !declared.includes(name));

  function update(changes: Partial<EndpointDraft>) {
    setDraft((current) => ({ ...current, ...changes }));
    setInvalid((current) => Object.fromEntries(Object.entries(current).filter(([path]) => !Object.keys(changes).some((field) => path.startsWith(field)))));
  }
  const changeParameter = (id: number, changes: Partial<EndpointParameter>) =>
    update({
      parameters: draft.parameters.map((parameter) => {
        if (parameter.id !== id) return parameter;
        const next = { ...parameter, ...changes };
        // A path parameter is always required: the path cannot be built without it.
        return next.in === 'path' ? { ...next, required: true } : next;
      }),
    });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const request: CreateEndpointRequest = {
      key: draft.key.trim(),
      path: draft.path.trim(),
      methods: draft.methods,
      summary: draft.summary,
      parameters: draft.parameters.map(({ id: _id, ...parameter }) => ({ ...parameter, name: parameter.name.trim() })),
    };
    const parsed = (editing ? UpdateEndpointRequest : CreateEndpointRequest).safeParse(request);
    if (!parsed.success) {
      setInvalid(pathErrors(parsed.error));
      return;
    }
    setInvalid({});
    onSave(request);
  }

  return (
    <form className="form panel" onSubmit={submit} noValidate aria-labelledby={titleId}>
      <h2 id={titleId}>{editing ? 'Edit endpoint' : 'Add endpoint'}</h2>
      <div className="form-grid">
        <TextField
          label="Key"
          name="key"
          autoComplete="off"
          spellCheck={false}
          value={draft.key}
          onChange={(event) => update({ key: event.target.value })}
          error={errors.key}
          hint="e.g. get-forecast; dataflow steps refer to the endpoint by it."
        />
        <TextField
          label="Path"
          name="path"
          autoComplete="off"
          spellCheck={false}
          placeholder="/v1/forecast/{city}"
          value={draft.path}
          onChange={(event) => update({ path: event.target.value })}
          error={errors.path}
          hint="Appended to the connector's base URL; {name} marks a path parameter."
        />
      </div>
      <fieldset className="fieldset" aria-describedby={errors.methods ? 'endpoint-methods-error' : undefined}>
        <legend>Methods</legend>
        <div className="checks">
          {HttpMethod.options.map((method) => (
            <label key={method} className="check">
              <input
                type="checkbox"
                checked={draft.methods.includes(method)}
                onChange={(event) =>
                  update({
                    methods: event.target.checked
                      ? HttpMethod.options.filter((option) => option === method || draft.methods.includes(option))
                      : draft.methods.filter((other) => other !== method),
                  })
                }
              />
              <span>{method}</span>
            </label>
          ))}
        </div>
        {errors.methods && (
          <p id="endpoint-methods-error" className="field-error">
            {errors.methods}
          </p>
        )}
      </fieldset>
      <TextField label="Summary" name="summary" autoComplete="off" value={draft.summary} onChange={(event) => update({ summary: event.target.value })} error={errors.summary} />

      <fieldset className="fieldset">
        <legend>Parameters</legend>
        {draft.parameters.length > 0 && (
          <table className="table compact editor" aria-label="Parameters">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">In</th>
                <th scope="col">Type</th>
                <th scope="col">Required</th>
                <th scope="col">Description</th>
                <th scope="col">
                  <span className="visually-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {draft.parameters.map((parameter, index) => {
                const number = index + 1;
                const nameError = errors[`parameters.${index}.name`];
                return (
                  <tr key={parameter.id}>
                    <td>
                      <input
                        aria-label={`Parameter ${number} name`}
                        aria-invalid={Boolean(nameError)}
                        className={nameError ? 'invalid' : undefined}
                        autoComplete="off"
                        spellCheck={false}
                        value={parameter.name}
                        onChange={(event) => changeParameter(parameter.id, { name: event.target.value })}
                      />
                      {nameError && <p className="field-error">{nameError}</p>}
                    </td>
                    <td>
                      <select aria-label={`Parameter ${number} location`} value={parameter.in} onChange={(event) => changeParameter(parameter.id, { in: event.target.value as EndpointParameter['in'] })}>
                        {LOCATIONS.map((location) => (
                          <option key={location} value={location}>
                            {location}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <select aria-label={`Parameter ${number} type`} value={parameter.type} onChange={(event) => changeParameter(parameter.id, { type: event.target.value as EndpointParameter['type'] })}>
                        {ParameterType.options.map((type) => (
                          <option key={type} value={type}>
                            {type}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Parameter ${number} required`}
                        checked={parameter.required}
                        disabled={parameter.in === 'path'}
                        title={parameter.in === 'path' ? 'Path parameters are always required' : undefined}
                        onChange={(event) => changeParameter(parameter.id, { required: event.target.checked })}
                      />
                    </td>
                    <td>
                      <input
                        aria-label={`Parameter ${number} description`}
                        autoComplete="off"
                        value={parameter.description}
                        onChange={(event) => changeParameter(parameter.id, { description: event.target.value })}
                      />
                    </td>
                    <td className="row-actions">
                      <button
                        type="button"
                        className="button small"
                        aria-label={`Remove parameter ${number}`}
                        onClick={() => update({ parameters: draft.parameters.filter((other) => other.id !== parameter.id) })}
                      >
                        Remove
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        {errors.parameters && <p className="field-error">{errors.parameters}</p>}
        <div className="form-actions wrap">
          <button type="button" className="button small" onClick={() => update({ parameters: [...draft.parameters, parameterRow()] })}>
            Add parameter
          </button>
          {undescribed.map((name) => (
            <button
              key={name}
              type="button"
              className="button small"
              onClick={() => update({ parameters: [...draft.parameters, parameterRow({ name, in: 'path', required: true })] })}
            >
              Describe {`{${name}}`}
            </button>
          ))}
        </div>
      </fieldset>

      {message && (
        <div className="callout error" role="alert">
          {message}
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={pending}>
          {pending ? 'Saving…' : editing ? 'Save endpoint' : 'Add endpoint'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
