'use client';
import { ExportPanel } from './export-panel';
import { ImportHistory } from './import-history';
import { ImportPanel } from './import-panel';

export function BundlesPage() {
  return (
    <section>
      <div className="page-header">
        <div>
          <h1>Bundles</h1>
          <p className="lead">
            Move components — with their forms, dataflows and the systems they call — between installations as one JSON
            file. Bundles name everything by key and never carry secrets.
          </p>
        </div>
        <a className="button" href="/api/bundles/schema" target="_blank" rel="noreferrer">
          JSON Schema
        </a>
      </div>
      <ExportPanel />
      <ImportPanel />
      <ImportHistory />
    </section>
  );
}
