'use client';
import type { OpenApiImportPreview } from '@conflux/contracts';
import { useEffect, useId, useRef, useState, type ChangeEvent } from 'react';
import { ApiError, formError } from '@/lib/api-client';
import { MethodBadge } from './method-badge';
import { useImportEndpoints } from './use-import-endpoints';
import { usePreviewImport } from './use-preview-import';

const MAX_DOCUMENT_CHARS = 5_000_000;

function readText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsText(file);
  });
}

/**
 * What the server said about a document: each issue in a <pre>, because a validator's message
 * may span lines with an excerpt of the document that points at the mistake.
 */
function DocumentProblems({ error }: { error: Error }) {
  const issues = error instanceof ApiError ? error.issues : [];
  return (
    <div className="callout error" role="alert">
      <strong>{error.message}</strong>
      {issues.map((issue, index) => (
        <pre key={index} className="code-block error-detail">
          {issue.message}
        </pre>
      ))}
      {issues.length === 0 && formError(error) !== error.message && <p>{formError(error)}</p>}
    </div>
  );
}

/**
 * "Import from OpenAPI": paste or upload a document, preview its operations, choose some,
 * import them (operations whose key exists update that endpoint).
 */
export function ImportOpenApiDialog({ connectorId, onClose }: { connectorId: string; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const documentId = useId();
  const fileId = useId();
  const [documentText, setDocumentText] = useState('');
  const [fileNote, setFileNote] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ document: string; result: OpenApiImportPreview } | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const previewImport = usePreviewImport();
  const importEndpoints = useImportEndpoints();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  async function loadFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    setFileError(null);
    if (!file) return;
    if (file.size > MAX_DOCUMENT_CHARS) {
      setFileError(`${file.name} is larger than 5 MB.`);
      return;
    }
    try {
      const text = await readText(file);
      setDocumentText(text);
      setFileNote(`Loaded ${file.name} (${text.length.toLocaleString()} characters).`);
      previewImport.reset();
    } catch (error) {
      setFileError(`Could not read ${file.name}: ${(error as Error).message}`);
    }
  }

  function runPreview() {
    previewImport.mutate(
      { connectorId, document: documentText },
      {
        onSuccess: (result) => {
          setPreview({ document: documentText, result });
          setSelected(new Set(result.operations.map((operation) => operation.key)));
        },
      },
    );
  }

  function runImport() {
    if (!preview) return;
    importEndpoints.mutate({ connectorId, request: { document: preview.document, operationKeys: [...selected] } });
  }

  const operations = preview?.result.operations ?? [];
  const allSelected = operations.length > 0 && operations.every((operation) => selected.has(operation.key));
  const toggle = (key: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });
  const imported = importEndpoints.data;
  const count = selected.size;

  return (
    <dialog
      ref={ref}
      className="dialog wide"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId}>Import from OpenAPI</h2>

      {imported ? (
        <div role="status" className="import-result">
          <p className="callout ok">
            Imported: {imported.created} created, {imported.updated} updated.
          </p>
          <ul className="plain-list">
            {imported.endpoints.map((endpoint) => (
              <li key={endpoint.id}>
                <code>{endpoint.key}</code> <span className="muted">{endpoint.path}</span>
              </li>
            ))}
          </ul>
          <div className="dialog-actions">
            <button type="button" className="button primary" onClick={onClose}>
              Done
            </button>
          </div>
        </div>
      ) : preview ? (
        <div className="dialog-body-wide">
          <p>
            <strong>{preview.result.title || 'Untitled API'}</strong>
            {preview.result.version && <span className="muted"> · version {preview.result.version}</span>} ·{' '}
            {operations.length === 1 ? '1 operation' : `${operations.length} operations`}
          </p>
          {operations.length === 0 ? (
            <p className="empty">The document describes no operations Conflux can import (GET, POST, PUT, PATCH or DELETE).</p>
          ) : (
            <div className="scroll-box">
              <table className="table compact" aria-label="Operations">
                <thead>
                  <tr>
                    <th scope="col">
                      <input
                        type="checkbox"
                        aria-label="Select all operations"
                        checked={allSelected}
                        onChange={(event) => setSelected(event.target.checked ? new Set(operations.map((operation) => operation.key)) : new Set())}
                      />
                    </th>
                    <th scope="col">Method</th>
                    <th scope="col">Path</th>
                    <th scope="col">Key</th>
                    <th scope="col">Summary</th>
                    <th scope="col">
                      <span className="visually-hidden">Status</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {operations.map((operation) => (
                    <tr key={operation.key}>
                      <td>
                        <input
                          type="checkbox"
                          aria-label={`Import ${operation.method} ${operation.path}`}
                          checked={selected.has(operation.key)}
                          onChange={(event) => toggle(operation.key, event.target.checked)}
                        />
                      </td>
                      <td>
                        <MethodBadge method={operation.method} />
                      </td>
                      <td>
                        <code>{operation.path}</code>
                      </td>
                      <td>
                        <code>{operation.key}</code>
                      </td>
                      <td>{operation.summary || <span className="muted">—</span>}</td>
                      <td>{operation.exists ? <span className="pill warn">exists — will update</span> : <span className="pill ok">new</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {importEndpoints.isError && <DocumentProblems error={importEndpoints.error} />}
          <div className="dialog-actions">
            <button type="button" className="button" onClick={() => {
                importEndpoints.reset();
                setPreview(null);
              }} disabled={importEndpoints.isPending}>
              Back
            </button>
            <button type="button" className="button" onClick={onClose} disabled={importEndpoints.isPending}>
              Cancel
            </button>
            <button type="button" className="button primary" onClick={runImport} disabled={count === 0 || importEndpoints.isPending}>
              {importEndpoints.isPending ? 'Importing…' : `Import ${count} ${count === 1 ? 'endpoint' : 'endpoints'}`}
            </button>
          </div>
        </div>
      ) : (
        <div className="form dialog-body-wide">
          <p className="muted">
            Paste an OpenAPI 3 document (JSON or YAML) or upload its file. You will see its operations before anything is
            imported. References to other files or URLs are not followed.
          </p>
          <div className="field">
            <label htmlFor={fileId}>Upload a file</label>
            <input id={fileId} type="file" accept=".json,.yaml,.yml,application/json,application/yaml,text/yaml" onChange={loadFile} />
            {fileNote && <p className="field-hint">{fileNote}</p>}
            {fileError && <p className="field-error">{fileError}</p>}
          </div>
          <div className="field">
            <label htmlFor={documentId}>OpenAPI document</label>
            <textarea
              id={documentId}
              className="code-input"
              rows={12}
              spellCheck={false}
              placeholder={'openapi: 3.0.3\ninfo:\n  title: Weather API\n  version: "1.0"\npaths:\n  /v1/forecast/{city}:\n    get: …'}
              value={documentText}
              onChange={(event) => {
                setDocumentText(event.target.value);
                setFileNote(null);
              }}
            />
          </div>
          {previewImport.isError && <DocumentProblems error={previewImport.error} />}
          <div className="dialog-actions">
            <button type="button" className="button" onClick={onClose} disabled={previewImport.isPending}>
              Cancel
            </button>
            <button type="button" className="button primary" onClick={runPreview} disabled={!documentText.trim() || previewImport.isPending}>
              {previewImport.isPending ? 'Reading…' : 'Preview'}
            </button>
          </div>
        </div>
      )}
    </dialog>
  );
}
