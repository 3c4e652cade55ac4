import { BUNDLE_FORMAT, BundleImportList, ImportPlan, ImportResult, type ExportBundleRequest, type ImportBundleRequest } from '@conflux/contracts';
import { z } from 'zod';
import { apiFetch } from '@/lib/api-client';

/**
 * An exported bundle, checked only as far as the download needs: every other field is kept
 * exactly as the server wrote it, so the file is what the API exported.
 */
export const ExportedBundle = z.looseObject({
  format: z.literal(BUNDLE_FORMAT),
  formatVersion: z.number().int(),
  warnings: z.array(z.string()).optional(),
});
export type ExportedBundle = z.infer<typeof ExportedBundle>;

/** The chosen components and what they depend on, as one document. Secrets are never included. */
export const exportBundle = (request: ExportBundleRequest) =>
  apiFetch('/bundles/export', ExportedBundle, { method: 'POST', body: JSON.stringify(request) });

/** Validates the bundle (400 with every issue and its path) and answers what an import would do. Writes nothing. */
export const planImport = (request: ImportBundleRequest) =>
  apiFetch('/bundles/import/plan', ImportPlan, { method: 'POST', body: JSON.stringify(request) });

/** Applies the whole plan in one transaction; 409 when it has conflicts (nothing is imported then). */
export const applyImport = (request: ImportBundleRequest) =>
  apiFetch('/bundles/import/apply', ImportResult, { method: 'POST', body: JSON.stringify(request) });

/** The last 100 imports: who, when, and what changed. */
export const fetchBundleImports = () => apiFetch('/bundles/imports', BundleImportList);
