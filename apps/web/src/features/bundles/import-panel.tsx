'use client';
import type { ImportBundleRequest, ImportPlan } from '@conflux/contracts';
import { BUNDLE_MAX_BYTES } from '@conflux/contracts';
import { useId, useMemo, useState, type ChangeEvent } from 'react';
import { TextField } from '@/components/text-field';
import { formatDateTime } from '@/lib/format';
import { BundleProblems } from './bundle-problems';
import { PlanTable, planCounts } from './plan-table';
import { useApplyImport } from './use-apply-import';
import { usePlanImport } from './use-plan-import';

function readText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsText(file);
  });
}

interface BundleConnectorRef {
  /** "<system>/<connector>", as overrides and secrets are addressed. */
  ref: string;
  baseUrl: string;
}

type Parsed = { ok: true; document: unknown; connectors: BundleConnectorRef[] } | { ok: false; message: string };

/** The pasted or uploaded text as JSON, with the connectors whose base URL an admin may override. */
function parseBundle(text: string): Parsed {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `This is not valid JSON: ${(error as Error).message}` };
  }
  const list = (value: unknown): Array<Record<string, unknown>> =>
    Array.isArray(value) ? value.filter((item): item is Record<string, unknown> => Boolean(item) && typeof item === 'object') : [];
  const systems = document && typeof document === 'object' ? list((document as Record<string, unknown>).systems) : [];
  const connectors = systems.flatMap((system) =>
    list(system.connectors)
      .filter((connector) => typeof system.key === 'string' && typeof connector.key === 'string')
      .map((connector) => ({ ref: `${String(system.key)}/${String(connector.key)}`, baseUrl: typeof connector.baseUrl === 'string' ? connector.baseUrl : '' })),
  );
  return { ok: true, document, connectors };
}

const secretId = (connector: string, name: string) => `${connector}\u0000${name}`;

/** The overrides and secrets the admin filled in, as the request carries them (empty ones left out). */
function supplied(overrides: Record<string, string>, secrets: Record<string, string>, needed: ImportPlan['secrets']) {
  const requestOverrides: NonNullable<ImportBundleRequest['overrides']> = {};
  for (const [ref, baseUrl] of Object.entries(overrides)) if (baseUrl.trim()) requestOverrides[ref] = { baseUrl: baseUrl.trim() };
  const requestSecrets: NonNullable<ImportBundleRequest['secrets']> = {};
  for (const secret of needed) {
    const value = secrets[secretId(secret.connector, secret.name)];
    if (value) requestSecrets[secret.connector] = { ...requestSecrets[secret.connector], [secret.name]: value };
  }
  return { overrides: requestOverrides, secrets: requestSecrets };
}

export function ImportPanel() {
  const fileId = useId();
  const textId = useId();
  const planImport = usePlanImport();
  const applyImport = useApplyImport();
  const [text, setText] = useState('');
  const [fileNote, setFileNote] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [parseError, setParseError] = useState<string | null>(null);
  const [overrides, setOverrides] = useState<Record<string, string>>({});
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  /** The request the plan on screen answers, to say when the inputs moved on since. */
  const [plannedRequest, setPlannedRequest] = useState<string | null>(null);

  const parsed = useMemo(() => (text.trim() ? parseBundle(text) : null), [text]);
  const plan: ImportPlan | undefined = planImport.data;
  const result = applyImport.data;

  function startOver(nextText: string) {
    setText(nextText);
    setParseError(null);
    setOverrides({});
    setSecrets({});
    setPlannedRequest(null);
    planImport.reset();
    applyImport.reset();
  }

  async function loadFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    setFileError(null);
    setFileNote(null);
    if (!file) return;
    if (file.size > BUNDLE_MAX_BYTES) {
      setFileError(`${file.name} is larger than ${BUNDLE_MAX_BYTES / 1024 / 1024} MB, the most a bundle may be.`);
      return;
    }
    try {
      startOver(await readText(file));
      setFileNote(`Loaded ${file.name} (${Math.max(1, Math.round(file.size / 1024))} KB).`);
    } catch (error) {
      setFileError((error as Error).message);
    }
  }

  /** The request for the current inputs: only the overrides and secrets the admin filled in. */
  function buildRequest(): ImportBundleRequest | null {
    if (!parsed) {
      setParseError('Upload a bundle file or paste its JSON first.');
      return null;
    }
    if (!parsed.ok) {
      setParseError(parsed.message);
      return null;
    }
    setParseError(null);
    return { bundle: parsed.document, ...supplied(overrides, secrets, plan?.secrets ?? []) };
  }

  /** What the plan answers: the text and what the admin supplied. */
  const requestKey = (request: Pick<ImportBundleRequest, 'overrides' | 'secrets'>) => JSON.stringify([text, request.overrides, request.secrets]);

  function preview() {
    const request = buildRequest();
    if (!request) return;
    applyImport.reset();
    planImport.mutate(request, { onSuccess: () => setPlannedRequest(requestKey(request)) });
  }

  function apply() {
    const request = buildRequest();
    if (request) applyImport.mutate(request);
  }

  // Whether the overrides or secrets changed since the plan on screen was made.
  const currentKey = plan ? requestKey(supplied(overrides, secrets, plan.secrets)) : null;
  const stale = plan && plannedRequest !== null && currentKey !== plannedRequest;
  const connectors = parsed?.ok ? parsed.connectors : [];
  const busy = planImport.isPending || applyImport.isPending;

  return (
    <section className="panel" aria-labelledby="import-title">
      <h2 id="import-title">Import</h2>
      <p className="field-hint">
        Upload a bundle or paste it. Nothing is written until you apply the plan, and then all of it is applied in one go
        or none of it.
      </p>
      <form
        className="form"
        aria-label="Import a bundle"
        onSubmit={(event) => {
          event.preventDefault();
          preview();
        }}
      >
        <div className="field">
          <label htmlFor={fileId}>Bundle file</label>
          <input id={fileId} type="file" accept=".json,application/json" onChange={loadFile} disabled={busy} />
          {fileNote && <p className="field-hint">{fileNote}</p>}
          {fileError && <p className="field-error">{fileError}</p>}
        </div>
        <div className={parseError ? 'field invalid' : 'field'}>
          <label htmlFor={textId}>Bundle (JSON)</label>
          <textarea
            id={textId}
            className="code-input"
            rows={10}
            spellCheck={false}
            placeholder={'{\n  "format": "conflux.bundle",\n  "formatVersion": 1,\n  "components": [ … ]\n}'}
            value={text}
            aria-invalid={Boolean(parseError)}
            onChange={(event) => {
              startOver(event.target.value);
              setFileNote(null);
            }}
          />
          {parseError && <p className="field-error">{parseError}</p>}
        </div>
        {planImport.isError && <BundleProblems title="The bundle cannot be imported." error={planImport.error} />}
        <div className="form-actions">
          <button type="submit" className={plan ? 'button' : 'button primary'} disabled={busy || !text.trim()}>
            {planImport.isPending ? 'Checking…' : plan ? 'Preview plan again' : 'Preview plan'}
          </button>
        </div>
      </form>

      {plan && (
        <section className="section bundle-plan-section" aria-label="Import plan">
          <h3>Plan</h3>
          <p>
            <strong>{planCounts(plan.counts)}.</strong>{' '}
            {plan.upgradedFrom !== null && <span className="muted">Upgraded from format version {plan.upgradedFrom}.</span>}
          </p>
          {plan.warnings.length > 0 && (
            <div className="callout warn">
              <ul aria-label="Plan warnings" className="plain-list">
                {plan.warnings.map((warning) => (
                  <li key={warning}>{warning}</li>
                ))}
              </ul>
            </div>
          )}
          {!plan.canApply && (
            <div className="callout error" role="alert">
              <strong>Conflicts block this import.</strong> Each one is marked in the table with what to do about it.
            </div>
          )}
          <PlanTable items={plan.items} label="Plan" />

          {(connectors.length > 0 || plan.secrets.length > 0) && (
            <div className="form bundle-supplies">
              {connectors.length > 0 && (
                <fieldset className="fieldset">
                  <legend>Base URL overrides</legend>
                  <p className="field-hint">Leave empty to keep the base URL the bundle gives (or this installation already has).</p>
                  {connectors.map((connector) => (
                    <TextField
                      key={connector.ref}
                      label={`Base URL of ${connector.ref}`}
                      type="url"
                      className="code-input"
                      placeholder={connector.baseUrl || 'https://…'}
                      hint={connector.baseUrl ? `In the bundle: ${connector.baseUrl}` : undefined}
                      value={overrides[connector.ref] ?? ''}
                      onChange={(event) => setOverrides((current) => ({ ...current, [connector.ref]: event.target.value }))}
                    />
                  ))}
                </fieldset>
              )}
              {plan.secrets.length > 0 && (
                <fieldset className="fieldset">
                  <legend>Secrets</legend>
                  <p className="field-hint">Bundles never carry secrets. They are sealed in the connector and shown nowhere.</p>
                  {plan.secrets.map((secret) => (
                    <TextField
                      key={secretId(secret.connector, secret.name)}
                      label={`${secret.name} of ${secret.connector}`}
                      type="password"
                      autoComplete="off"
                      hint={secret.stored ? 'This installation has a value already; leave empty to keep it.' : 'Needed: the connector cannot authenticate without it.'}
                      value={secrets[secretId(secret.connector, secret.name)] ?? ''}
                      onChange={(event) => setSecrets((current) => ({ ...current, [secretId(secret.connector, secret.name)]: event.target.value }))}
                    />
                  ))}
                </fieldset>
              )}
            </div>
          )}
          {stale && (
            <p className="callout warn" role="status">
              You changed overrides or secrets since this plan was made: Apply imports with them; “Preview plan again” shows
              what changes.
            </p>
          )}
          {applyImport.isError && <BundleProblems title="The bundle was not imported." error={applyImport.error} />}
          {!result && (
            <div className="form-actions">
              <button type="button" className="button primary" onClick={apply} disabled={busy || !plan.canApply}>
                {applyImport.isPending ? 'Applying…' : 'Apply'}
              </button>
            </div>
          )}
        </section>
      )}

      {result && (
        <section className="section import-result" aria-label="Import result">
          <div className="callout ok" role="status">
            <strong>Imported.</strong> {planCounts(result.counts)} ({formatDateTime(result.importedAt)}).
          </div>
          {result.items.some((item) => item.action !== 'unchanged') ? (
            <PlanTable items={result.items.filter((item) => item.action !== 'unchanged')} label="Applied changes" />
          ) : (
            <p className="muted">Nothing changed: this installation already had everything in the bundle.</p>
          )}
        </section>
      )}
    </section>
  );
}
