'use client';
import { useState } from 'react';
import { CheckboxField } from '@/components/text-field';
import { useComponents } from '@/features/components/use-components';
import { formError } from '@/lib/api-client';
import type { ExportedBundle } from './bundles.api';
import { useExportBundle } from './use-export-bundle';

/** Saves `bundle` as a JSON file through a temporary Blob link. */
function download(bundle: ExportedBundle, fileName: string) {
  const url = URL.createObjectURL(new Blob([`${JSON.stringify(bundle, null, 2)}\n`], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

export function ExportPanel() {
  const components = useComponents({ limit: 200 });
  const exportBundle = useExportBundle();
  const [chosen, setChosen] = useState<string[]>([]);
  const [includeRecords, setIncludeRecords] = useState(false);
  const [done, setDone] = useState<{ fileName: string; warnings: string[] } | null>(null);

  const items = components.data?.items ?? [];
  const toggle = (key: string, on: boolean) => {
    setDone(null);
    setChosen((current) => (on ? [...current, key] : current.filter((candidate) => candidate !== key)));
  };

  function submit() {
    setDone(null);
    exportBundle.mutate(
      { components: chosen, includeRecords },
      {
        onSuccess: (bundle) => {
          const fileName = `conflux-bundle-${new Date().toISOString().slice(0, 10)}.json`;
          download(bundle, fileName);
          setDone({ fileName, warnings: bundle.warnings ?? [] });
        },
      },
    );
  }

  return (
    <section className="panel" aria-labelledby="export-title">
      <h2 id="export-title">Export</h2>
      <p className="field-hint">
        Choose components: their forms and dataflows, and the systems, connectors and endpoints those use, come along.
        Secrets never leave this installation; the importing admin supplies them.
      </p>
      {components.isPending && (
        <p className="muted" role="status">
          Loading components…
        </p>
      )}
      {components.isError && (
        <div className="callout error" role="alert">
          Could not load the components: {components.error.message}{' '}
          <button type="button" className="button small" onClick={() => components.refetch()}>
            Try again
          </button>
        </div>
      )}
      {components.data && items.length === 0 && <p className="empty">No components to export yet.</p>}
      {items.length > 0 && (
        <form
          className="form"
          aria-label="Export a bundle"
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <fieldset className="fieldset">
            <legend>Components</legend>
            <div className="checks">
              {items.map((component) => (
                <CheckboxField
                  key={component.key}
                  label={
                    <>
                      {component.name} <code>{component.key}</code>
                    </>
                  }
                  checked={chosen.includes(component.key)}
                  onChange={(event) => toggle(component.key, event.target.checked)}
                />
              ))}
            </div>
          </fieldset>
          <CheckboxField
            label="Include records"
            hint="The stored records of the chosen components. Leave off to move configuration only."
            checked={includeRecords}
            onChange={(event) => setIncludeRecords(event.target.checked)}
          />
          {exportBundle.isError && (
            <div className="callout error" role="alert">
              <strong>The bundle was not exported.</strong> {formError(exportBundle.error)}
            </div>
          )}
          {done && (
            <div className="callout ok" role="status">
              Downloaded <code>{done.fileName}</code>.
              {done.warnings.length > 0 && (
                <ul aria-label="Export warnings">
                  {done.warnings.map((warning) => (
                    <li key={warning}>{warning}</li>
                  ))}
                </ul>
              )}
            </div>
          )}
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={chosen.length === 0 || exportBundle.isPending}>
              {exportBundle.isPending ? 'Exporting…' : 'Download bundle'}
            </button>
            {chosen.length === 0 && <span className="muted">Choose at least one component.</span>}
          </div>
        </form>
      )}
    </section>
  );
}
