'use client';
import type { Component, EntityModel } from '@conflux/contracts';
import { useEffect, useRef, useState } from 'react';
import { TextAreaField } from '@/components/text-field';
import { fieldErrors, formError } from '@/lib/api-client';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import { usePreviewDisplay } from './use-preview-display';
import { useUpdateComponent } from './use-update-component';
import { ViewRenderer } from './view-renderer';

export const DISPLAY_FUNCTION_TEMPLATE = `// \`item\` is the run's output. Return a view: a title and blocks
// (keyValue, table, list, message).
return {
  title: 'Result',
  blocks: [
    { type: 'keyValue', pairs: Object.keys(item).map((key) => ({ label: key, value: item[key] })) },
  ],
};
`;

const sampleValues: Record<EntityModel['properties'][number]['type'], unknown> = {
  string: 'text',
  number: 1.5,
  integer: 1,
  boolean: true,
  date: '2026-12-03',
  datetime: '2026-12-03T14:00:00Z',
  uri: 'https://example.com',
  array: [],
  object: {},
};

/** A sample output shaped like a record of the model, to start the preview with. */
export function sampleOutput(model: EntityModel): string {
  const sample = Object.fromEntries(model.properties.map((property) => [property.name, property.default ?? sampleValues[property.type]]));
  return JSON.stringify(sample, null, 2);
}

function parseSample(text: string): { value?: unknown; error?: string } {
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return { error: `Not valid JSON: ${(error as Error).message}` };
  }
}

/**
 * The component's display function beside a live preview: the function runs in the API's
 * sandbox on a sample output, and the view shows through the renderer end users see.
 */
export function DisplayFunctionEditor({ component }: { component: Component }) {
  const updateComponent = useUpdateComponent();
  const preview = usePreviewDisplay(component.key);
  const [code, setCode] = useState(component.displayFunction ?? '');
  const [sample, setSample] = useState(() => sampleOutput(component.entityModel));
  const [justSaved, setJustSaved] = useState(false);
  const dirty = code !== (component.displayFunction ?? '');

  const parsedSample = parseSample(sample);
  const debouncedCode = useDebouncedValue(code, 600);
  const debouncedSample = useDebouncedValue(sample, 600);
  const runPreview = useRef(preview.mutate);
  useEffect(() => {
    runPreview.current = preview.mutate;
  });
  // Live: each pause in typing previews again (invalid JSON waits for the admin to fix it).
  useEffect(() => {
    const output = parseSample(debouncedSample);
    if (output.error) return;
    runPreview.current({ displayFunction: debouncedCode.trim() ? debouncedCode : null, output: output.value });
  }, [debouncedCode, debouncedSample]);

  function save() {
    updateComponent.mutate(
      { key: component.key, changes: { displayFunction: code.trim() ? code : null } },
      { onSuccess: () => setJustSaved(true) },
    );
  }

  const errors = fieldErrors(updateComponent.error);
  const message = formError(updateComponent.error, ['displayFunction']);
  return (
    <section className="section panel" aria-labelledby="display-function-title">
      <h2 id="display-function-title">Display function</h2>
      <p className="field-hint">
        How end users see a run&apos;s result. The function gets the run&apos;s output as <code>item</code> and returns a title and
        blocks; it runs in the same sandbox as Execute script steps. Without one, the output shows as label–value pairs.
      </p>
      <div className="display-editor">
        <div className="display-editor-code">
          <TextAreaField
            label="Function"
            name="displayFunction"
            className="code-input code-editor"
            spellCheck={false}
            rows={14}
            placeholder={DISPLAY_FUNCTION_TEMPLATE}
            value={code}
            onChange={(event) => {
              setCode(event.target.value);
              setJustSaved(false);
            }}
            error={errors.displayFunction}
            hint={!code ? 'Empty: the default view. Start from the placeholder with “Use the example”.' : undefined}
          />
          {!code && (
            <button type="button" className="button small" onClick={() => setCode(DISPLAY_FUNCTION_TEMPLATE)}>
              Use the example
            </button>
          )}
          <TextAreaField
            label="Sample output (JSON)"
            name="sampleOutput"
            className="code-input"
            spellCheck={false}
            rows={6}
            value={sample}
            onChange={(event) => setSample(event.target.value)}
            error={parsedSample.error}
            hint="What a run of the component's dataflow might return. Only for the preview; not saved."
          />
          {message && (
            <div className="callout error" role="alert">
              {message}
            </div>
          )}
          <div className="form-actions">
            <button type="button" className="button primary" disabled={!dirty || updateComponent.isPending} onClick={save}>
              {updateComponent.isPending ? 'Saving…' : 'Save display function'}
            </button>
            <button
              type="button"
              className="button"
              disabled={Boolean(parsedSample.error) || preview.isPending}
              onClick={() => preview.mutate({ displayFunction: code.trim() ? code : null, output: parsedSample.value })}
            >
              Preview
            </button>
            {dirty && (
              <button type="button" className="button" onClick={() => setCode(component.displayFunction ?? '')}>
                Discard changes
              </button>
            )}
            {justSaved && !dirty && (
              <span className="saved" role="status">
                Saved.
              </span>
            )}
          </div>
        </div>
        <div className="display-editor-preview" aria-live="polite">
          <div className="preview-label">
            Preview {preview.isPending && <span className="spinner" aria-label="Updating the preview" />}
          </div>
          {preview.isError && (
            <div className="callout error" role="alert">
              The preview failed: {preview.error.message}
            </div>
          )}
          {preview.data?.error && (
            <div className="callout error" role="alert">
              <strong>The display function failed.</strong> {preview.data.error}
              <div className="field-hint">End users would see the default view below instead.</div>
            </div>
          )}
          {preview.data ? (
            <div className="preview-frame">
              <ViewRenderer view={preview.data.view} label="Display preview" />
            </div>
          ) : (
            !preview.isError && <p className="muted">The preview appears here.</p>
          )}
        </div>
      </div>
    </section>
  );
}
