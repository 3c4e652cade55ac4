'use client';
import type { Endpoint, EndpointParameter, HttpMethod, TryEndpointRequest } from '@conflux/contracts';
import { useState, type FormEvent } from 'react';
import { OutboundResultView } from '@/components/outbound-result';
import { Field, TextAreaField, TextField } from '@/components/text-field';
import { ApiError, formError } from '@/lib/api-client';
import { useTryEndpoint } from './use-try-endpoint';

const GROUPS: Array<{ location: EndpointParameter['in']; title: string }> = [
  { location: 'path', title: 'Path parameters' },
  { location: 'query', title: 'Query parameters' },
  { location: 'header', title: 'Headers' },
];

/** Form field ids: "path:city", "query:units", "header:X-Trace". */
const fieldId = (location: EndpointParameter['in'], name: string) => `${location}:${name}`;

/** Where the API's issues point (['path', 'city'], ['headers', 'X-Trace'], ['body']) in this form. */
function issueField(path: ReadonlyArray<string | number>): string {
  const [first, second] = path;
  if ((first === 'path' || first === 'query') && second !== undefined) return fieldId(first, String(second));
  if (first === 'headers' && second !== undefined) return fieldId('header', String(second));
  return String(first ?? '');
}

const sendsBody = (method: HttpMethod) => method !== 'GET';

/** "Try it": one request through the connector, with a value for each described parameter and an optional JSON body. */
export function TryItPanel({ endpoint }: { endpoint: Endpoint }) {
  const tryEndpoint = useTryEndpoint();
  const [method, setMethod] = useState<HttpMethod>(endpoint.methods[0] ?? 'GET');
  const [values, setValues] = useState<Record<string, string>>({});
  const [bodyText, setBodyText] = useState('');
  const [invalid, setInvalid] = useState<Record<string, string>>({});

  const serverErrors: Record<string, string> = {};
  if (tryEndpoint.error instanceof ApiError) {
    for (const issue of tryEndpoint.error.issues) serverErrors[issueField(issue.path)] ??= issue.message;
  }
  const errors = { ...serverErrors, ...invalid };
  const placed = new Set(['method', 'body', ...endpoint.parameters.map((parameter) => fieldId(parameter.in, parameter.name))]);
  const unplaced =
    tryEndpoint.error instanceof ApiError && tryEndpoint.error.issues.length > 0
      ? tryEndpoint.error.issues.filter((issue) => !placed.has(issueField(issue.path))).map((issue) => issue.message).join(' ') || null
      : formError(tryEndpoint.error);

  function change(id: string, value: string) {
    setValues((current) => ({ ...current, [id]: value }));
    setInvalid(({ [id]: _dropped, ...rest }) => rest);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Record<string, string> = {};
    const request: TryEndpointRequest = { method, path: {}, query: {}, headers: {} };
    for (const parameter of endpoint.parameters) {
      const id = fieldId(parameter.in, parameter.name);
      const value = (values[id] ?? '').trim();
      if (!value) {
        if (parameter.required) found[id] = 'Required';
        continue;
      }
      if (parameter.in === 'path') request.path![parameter.name] = value;
      else if (parameter.in === 'header') request.headers![parameter.name] = value;
      else request.query![parameter.name] = parameter.type === 'array' ? value.split(',').map((item) => item.trim()) : value;
    }
    if (sendsBody(method) && bodyText.trim()) {
      try {
        request.body = JSON.parse(bodyText);
      } catch (error) {
        found.body = `Not valid JSON: ${(error as Error).message}`;
      }
    }
    setInvalid(found);
    if (Object.keys(found).length > 0) return;
    tryEndpoint.mutate({ id: endpoint.id, request });
  }

  return (
    <section className="panel" aria-labelledby="try-it-title">
      <h2 id="try-it-title">Try it</h2>
      <p className="field-hint">Sends a real request through the connector, with its authentication, retries and limits. Credentials are masked in what is shown.</p>
      <form className="form" onSubmit={submit} noValidate aria-label="Try it">
        <div className="form-grid single">
          <Field label="Method" error={errors.method}>
            {(control) => (
              <select {...control} name="method" value={method} onChange={(event) => setMethod(event.target.value as HttpMethod)}>
                {endpoint.methods.map((option) => (
                  <option key={option} value={option}>
                    {option}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        {GROUPS.map(({ location, title }) => {
          const parameters = endpoint.parameters.filter((parameter) => parameter.in === location);
          if (parameters.length === 0) return null;
          return (
            <fieldset key={location} className="fieldset">
              <legend>{title}</legend>
              <div className="form-grid">
                {parameters.map((parameter) => {
                  const id = fieldId(parameter.in, parameter.name);
                  return (
                    <TextField
                      key={id}
                      label={
                        <>
                          {parameter.name}
                          {parameter.required && <span className="required-mark"> (required)</span>}
                        </>
                      }
                      name={id}
                      autoComplete="off"
                      spellCheck={false}
                      value={values[id] ?? ''}
                      onChange={(event) => change(id, event.target.value)}
                      error={errors[id]}
                      hint={[parameter.type === 'array' ? 'array: comma-separated' : parameter.type, parameter.description].filter(Boolean).join(' · ')}
                    />
                  );
                })}
              </div>
            </fieldset>
          );
        })}
        {endpoint.parameters.length === 0 && <p className="muted">This endpoint describes no parameters.</p>}
        {sendsBody(method) && (
          <TextAreaField
            label="JSON body (optional)"
            name="body"
            className="code-input"
            rows={6}
            spellCheck={false}
            placeholder={'{\n  "city": "Oslo"\n}'}
            value={bodyText}
            onChange={(event) => {
              setBodyText(event.target.value);
              setInvalid(({ body: _dropped, ...rest }) => rest);
            }}
            error={errors.body}
          />
        )}
        {unplaced && (
          <div className="callout error" role="alert">
            {unplaced}
          </div>
        )}
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={tryEndpoint.isPending}>
            {tryEndpoint.isPending ? 'Sending…' : 'Send'}
          </button>
        </div>
      </form>
      {tryEndpoint.data && !tryEndpoint.isPending && <OutboundResultView result={tryEndpoint.data} label="Response" />}
    </section>
  );
}
