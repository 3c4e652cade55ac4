'use client';
import type { Endpoint, EndpointParameter, HttpMethod, ParameterMapping } from '@conflux/contracts';
import Link from 'next/link';
import { useState } from 'react';
import { Field, TextField } from '@/components/text-field';
import { emptyExpression, nextUid, parametersFor, type ConfigDrafts, type PaginationDraft, type ParameterRow } from './dataflow-draft';
import { problemAt, problemExactly, type StepProblems } from './dataflow-issues';
import { EXPRESSION_HINT, ExpressionField, LITERAL_HINT, MappingKindSelect, MappingTextInput } from './mapping-value-input';
import { useConnectorOptions, useEndpointOptions, useSystemOptions } from './use-catalog-options';

type Config = ConfigDrafts['execute_api_call'];

const LOCATIONS: ReadonlyArray<ParameterMapping['in']> = ['path', 'query', 'header', 'body'];

/** "GET /forecast/{city} — Forecast for a city" */
export function endpointLabel(endpoint: Endpoint): string {
  return `${endpoint.methods.join('/')} ${endpoint.path}${endpoint.summary ? ` — ${endpoint.summary}` : ''}`;
}

function loadingLabel(query: { isPending: boolean; isError: boolean; fetchStatus: string }, what: string): string | null {
  if (query.isError) return `Could not load the ${what}`;
  if (query.isPending && query.fetchStatus !== 'idle') return `Loading ${what}…`;
  return null;
}

/**
 * Execute API call, as the product's table describes it: the result store field, System →
 * Connector → Query path chosen in cascading selects, the method (one the endpoint allows),
 * and the parameters mapping, prefilled from the endpoint's parameters. Advanced: success
 * statuses, what to store, pagination.
 */
export function ApiCallConfig({ config, problems, onChange }: { config: Config; problems: StepProblems; onChange: (config: Config) => void }) {
  const systems = useSystemOptions();
  const system = useConnectorOptions(config.systemId);
  const endpoints = useEndpointOptions(config.connectorId);
  const endpoint = endpoints.data?.items.find((candidate) => candidate.id === config.endpointId);
  const advancedProblem = ['config.successStatuses', 'config.result', 'config.pagination'].some((path) => problemAt(problems, path));
  const [advancedOpen, setAdvancedOpen] = useState(false);
  const showAdvanced = advancedOpen || advancedProblem;
  const update = (changes: Partial<Config>) => onChange({ ...config, ...changes });

  function chooseEndpoint(endpointId: string) {
    const chosen = endpoints.data?.items.find((candidate) => candidate.id === endpointId);
    if (!chosen) {
      update({ endpointId });
      return;
    }
    update({
      endpointId,
      method: chosen.methods.includes(config.method) ? config.method : chosen.methods[0]!,
      parameters: parametersFor(chosen, config.parameters),
    });
  }

  const systemItems = systems.data?.items ?? [];
  const connectors = system.data?.connectors ?? [];
  const endpointItems = endpoints.data?.items ?? [];
  const methods: HttpMethod[] = endpoint ? endpoint.methods : [config.method];
  const noSystems = systems.data && systemItems.length === 0;

  return (
    <div className="step-config">
      <TextField
        label="Result store field"
        autoComplete="off"
        spellCheck={false}
        placeholder="weather"
        value={config.resultStoreField}
        onChange={(event) => update({ resultStoreField: event.target.value })}
        error={problemAt(problems, 'config.resultStoreField')}
        hint="The field of the model that receives the result, e.g. weather or api.forecast."
      />
      <fieldset className="fieldset">
        <legend>Request</legend>
        {noSystems && (
          <p className="callout warn">
            There are no systems yet. <Link href="/systems">Describe one under Systems</Link>, with a connector and its query paths, then come back.
          </p>
        )}
        <div className="form-grid cascade">
          <Field label="System" error={problemAt(problems, 'config.systemId')} hint={loadingLabel(systems, 'systems') ?? undefined}>
            {(control) => (
              <select {...control} value={config.systemId} onChange={(event) => update({ systemId: event.target.value, connectorId: '', endpointId: '' })}>
                <option value="">Choose a system</option>
                {systemItems.map((option) => (
                  <option key={option.id} value={option.id}>
                    {option.name} ({option.key})
                  </option>
                ))}
                {config.systemId && systems.data && !systemItems.some((option) => option.id === config.systemId) && (
                  <option value={config.systemId}>Unknown system {config.systemId}</option>
                )}
              </select>
            )}
          </Field>
          <Field
            label="Connector"
            error={problemAt(problems, 'config.connectorId')}
            hint={
              loadingLabel(system, 'connectors') ??
              (config.systemId && system.data && connectors.length === 0 ? 'This system has no connector yet: add one on its page.' : undefined)
            }
          >
            {(control) => (
              <select {...control} value={config.connectorId} disabled={!config.systemId} onChange={(event) => update({ connectorId: event.target.value, endpointId: '' })}>
                <option value="">{config.systemId ? 'Choose a connector' : 'Choose a system first'}</option>
                {connectors.map((option) => (
                  <option key={option.id} value={option.id}>
                    {option.name} — {option.baseUrl}
                  </option>
                ))}
                {config.connectorId && system.data && !connectors.some((option) => option.id === config.connectorId) && (
                  <option value={config.connectorId}>Unknown connector {config.connectorId}</option>
                )}
              </select>
            )}
          </Field>
          <Field
            label="Query path"
            error={problemAt(problems, 'config.endpointId')}
            hint={
              loadingLabel(endpoints, 'query paths') ??
              (config.connectorId && endpoints.data && endpointItems.length === 0 ? 'This connector has no endpoints yet: add or import them on its page.' : undefined)
            }
          >
            {(control) => (
              <select {...control} value={config.endpointId} disabled={!config.connectorId} onChange={(event) => chooseEndpoint(event.target.value)}>
                <option value="">{config.connectorId ? 'Choose a query path' : 'Choose a connector first'}</option>
                {endpointItems.map((option) => (
                  <option key={option.id} value={option.id}>
                    {endpointLabel(option)}
                  </option>
                ))}
                {config.endpointId && endpoints.data && !endpoint && <option value={config.endpointId}>Unknown query path {config.endpointId}</option>}
              </select>
            )}
          </Field>
          <Field label="Method" error={problemAt(problems, 'config.method')} hint={endpoint ? undefined : 'The query path decides which methods are allowed.'}>
            {(control) => (
              <select {...control} value={config.method} disabled={!endpoint} onChange={(event) => update({ method: event.target.value as HttpMethod })}>
                {methods.map((method) => (
                  <option key={method} value={method}>
                    {method}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      </fieldset>

      <ParametersTable rows={config.parameters} endpoint={endpoint} problems={problems} onChange={(parameters) => update({ parameters })} />

      <div>
        <button type="button" className="button small disclosure" aria-expanded={showAdvanced} onClick={() => setAdvancedOpen(!showAdvanced)}>
          {showAdvanced ? 'Hide advanced settings' : 'Advanced: success statuses, result, pagination'}
        </button>
      </div>
      {showAdvanced && <AdvancedSettings config={config} problems={problems} update={update} />}
    </div>
  );
}

function ParametersTable({
  rows,
  endpoint,
  problems,
  onChange,
}: {
  rows: ParameterRow[];
  endpoint: Endpoint | undefined;
  problems: StepProblems;
  onChange: (rows: ParameterRow[]) => void;
}) {
  const change = (rowId: number, changes: Partial<ParameterRow>) => onChange(rows.map((row) => (row.rowId === rowId ? { ...row, ...changes } : row)));
  const specOf = (row: ParameterRow): EndpointParameter | undefined => endpoint?.parameters.find((parameter) => parameter.in === row.in && parameter.name === row.name);
  const unmapped = (endpoint?.parameters ?? []).filter((parameter) => !rows.some((row) => row.in === parameter.in && row.name === parameter.name));
  const listError = problemExactly(problems, 'config.parameters');
  const add = (row: Partial<ParameterRow>) => onChange([...rows, { rowId: nextUid(), in: 'query', name: '', value: emptyExpression(), optional: false, ...row }]);

  return (
    <fieldset className="fieldset">
      <legend>Parameters mapping</legend>
      <p className="field-hint">
        Values taken from the model into the request. Choosing a query path lists its parameters; optional ones left empty are not sent. A body row
        with an empty name sets the whole body.
      </p>
      {rows.length > 0 ? (
        <table className="table compact editor mapping-table" aria-label="Parameters mapping">
          <thead>
            <tr>
              <th scope="col">In</th>
              <th scope="col">Name</th>
              <th scope="col">Kind</th>
              <th scope="col">Value</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => {
              const spec = specOf(row);
              const label = row.name ? `${row.in} parameter ${row.name}` : `parameter ${index + 1}`;
              const nameError = problemAt(problems, `config.parameters.${index}.name`) ?? problemAt(problems, `config.parameters.${index}.in`);
              return (
                <tr key={row.rowId} className={spec?.required ? 'required-row' : undefined}>
                  <td className="kind-cell">
                    <select aria-label={`Location of ${label}`} value={row.in} onChange={(event) => change(row.rowId, { in: event.target.value as ParameterMapping['in'] })}>
                      {LOCATIONS.map((location) => (
                        <option key={location} value={location}>
                          {location}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input
                      aria-label={`Name of ${label}`}
                      aria-invalid={Boolean(nameError)}
                      className={nameError ? 'invalid' : undefined}
                      autoComplete="off"
                      spellCheck={false}
                      placeholder={row.in === 'body' ? 'whole body' : 'name'}
                      value={row.name}
                      onChange={(event) => change(row.rowId, { name: event.target.value })}
                    />
                    {spec && (
                      <p className="field-hint">
                        {spec.required ? <strong className="required-tag">required</strong> : 'optional'} · {spec.type}
                        {spec.description ? ` · ${spec.description}` : ''}
                      </p>
                    )}
                    {nameError && <p className="field-error">{nameError}</p>}
                  </td>
                  <td className="kind-cell">
                    <MappingKindSelect label={label} value={row.value} onChange={(value) => change(row.rowId, { value })} />
                  </td>
                  <td>
                    <MappingTextInput
                      label={label}
                      value={row.value}
                      onChange={(value) => change(row.rowId, { value })}
                      error={problemAt(problems, `config.parameters.${index}.value`)}
                      placeholder={row.value.kind === 'expression' ? (row.name ? `e.g. ${row.name}` : 'expression') : 'value'}
                    />
                  </td>
                  <td className="row-actions">
                    <button type="button" className="button small" aria-label={`Remove ${label}`} onClick={() => onChange(rows.filter((other) => other.rowId !== row.rowId))}>
                      Remove
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : (
        <p className="muted">No parameters mapped.</p>
      )}
      {listError && <p className="field-error">{listError}</p>}
      {unmapped.length > 0 && (
        <div className="unmapped">
          <span className="muted">Not mapped:</span>
          {unmapped.map((parameter) => (
            <button
              key={`${parameter.in}:${parameter.name}`}
              type="button"
              className="button small"
              onClick={() => add({ in: parameter.in, name: parameter.name, optional: !parameter.required })}
            >
              + {parameter.name} ({parameter.in}
              {parameter.required ? ', required' : ''})
            </button>
          ))}
        </div>
      )}
      <p className="field-hint">
        {EXPRESSION_HINT} {LITERAL_HINT}
      </p>
      <div className="form-actions">
        <button type="button" className="button small" onClick={() => add({ in: 'query' })}>
          Add parameter
        </button>
        <button type="button" className="button small" onClick={() => add({ in: 'body' })}>
          Add body field
        </button>
      </div>
    </fieldset>
  );
}

const PAGINATION_LABELS: Record<PaginationDraft['type'], string> = {
  none: 'None: one request',
  next_url: 'Next URL from the response',
  page: 'Page number parameter',
  offset: 'Offset and limit parameters',
  cursor: 'Cursor from the response',
};

/** Which pagination settings each type uses. */
const PAGINATION_FIELDS: Record<PaginationDraft['type'], ReadonlyArray<keyof PaginationDraft>> = {
  none: [],
  next_url: ['nextUrl', 'items', 'maxPages'],
  page: ['parameter', 'firstPage', 'items', 'maxPages'],
  offset: ['parameter', 'limitParameter', 'limit', 'items', 'maxPages'],
  cursor: ['parameter', 'nextCursor', 'items', 'maxPages'],
};

function AdvancedSettings({ config, problems, update }: { config: Config; problems: StepProblems; update: (changes: Partial<Config>) => void }) {
  const pagination = config.pagination;
  const fields = PAGINATION_FIELDS[pagination.type];
  const setPagination = (changes: Partial<PaginationDraft>) => update({ pagination: { ...pagination, ...changes } });
  const paginationError = (field: keyof PaginationDraft) => problemAt(problems, `config.pagination.${field}`);
  // Problems with the pagination as a whole, or with a setting this type does not show, go beside the type.
  const typeError = problems.find(
    (problem) =>
      (problem.path === 'config.pagination' || problem.path.startsWith('config.pagination.')) &&
      !fields.some((field) => problem.path === `config.pagination.${field}` || problem.path.startsWith(`config.pagination.${field}.`)),
  )?.message;
  const text = (field: keyof PaginationDraft, label: string, hint?: string, expression = false) =>
    expression ? (
      <ExpressionField key={field} label={label} value={String(pagination[field])} onChange={(value) => setPagination({ [field]: value })} error={paginationError(field)} hint={hint} />
    ) : (
      <TextField
        key={field}
        label={label}
        autoComplete="off"
        spellCheck={false}
        inputMode={['firstPage', 'limit', 'maxPages'].includes(field) ? 'numeric' : undefined}
        value={String(pagination[field])}
        onChange={(event) => setPagination({ [field]: event.target.value })}
        error={paginationError(field)}
        hint={hint}
      />
    );

  return (
    <div className="advanced">
      <div className="form-grid">
        <TextField
          label="Success statuses"
          autoComplete="off"
          spellCheck={false}
          value={config.successStatuses}
          onChange={(event) => update({ successStatuses: event.target.value })}
          error={problemAt(problems, 'config.successStatuses')}
          hint="Statuses or classes that count as success, e.g. 2xx or 200,201,404. Others fail the step."
        />
        <Field label="Result" error={problemAt(problems, 'config.result.kind') ?? (config.result.kind === 'expression' ? undefined : problemAt(problems, 'config.result'))}>
          {(control) => (
            <select {...control} value={config.result.kind} onChange={(event) => update({ result: { ...config.result, kind: event.target.value as Config['result']['kind'] } })}>
              <option value="body">The response body</option>
              <option value="response">The whole response (status, headers, body)</option>
              <option value="expression">An expression over the response</option>
            </select>
          )}
        </Field>
      </div>
      {config.result.kind === 'expression' && (
        <ExpressionField
          label="Result expression"
          value={config.result.source}
          onChange={(source) => update({ result: { ...config.result, source } })}
          error={problemAt(problems, 'config.result.source')}
          placeholder="body.current"
          hint="JSONata over {status, headers, body}; its value goes to the result store field."
        />
      )}
      <fieldset className="fieldset">
        <legend>Pagination</legend>
        <Field label="Pagination" error={typeError}>
          {(control) => (
            <select {...control} value={pagination.type} onChange={(event) => setPagination({ type: event.target.value as PaginationDraft['type'] })}>
              {Object.entries(PAGINATION_LABELS).map(([type, label]) => (
                <option key={type} value={type}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
        {pagination.type !== 'none' && (
          <div className="form-grid">
            {fields.includes('nextUrl') && text('nextUrl', 'Next URL', 'JSONata over the response giving the next page’s URL; nothing stops.', true)}
            {fields.includes('parameter') &&
              text('parameter', pagination.type === 'offset' ? 'Offset parameter' : pagination.type === 'cursor' ? 'Cursor parameter' : 'Page parameter', 'The query parameter to send it in.')}
            {fields.includes('firstPage') && text('firstPage', 'First page')}
            {fields.includes('limitParameter') && text('limitParameter', 'Limit parameter')}
            {fields.includes('limit') && text('limit', 'Page size')}
            {fields.includes('nextCursor') && text('nextCursor', 'Next cursor', 'JSONata over the response giving the next cursor; nothing stops.', true)}
            {text('items', 'Items', 'JSONata over the response giving the page’s items, e.g. body.results. The pages’ items are joined.', true)}
            {text('maxPages', 'Max pages', 'Stops after this many requests even if the API offers more.')}
          </div>
        )}
      </fieldset>
    </div>
  );
}
