'use client';
import { ApiError, issuePath } from '@/lib/api-client';

/**
 * Why the API refused a bundle: a 400 lists every problem with its JSON path in the bundle
 * (the leading "bundle" of the request body is left out), a 409 names the conflicts, a 413
 * says the file is too large.
 */
export function BundleProblems({ title, error }: { title: string; error: Error }) {
  const issues = error instanceof ApiError ? error.issues : [];
  const conflict = error instanceof ApiError && error.status === 409;
  return (
    <div className="callout error problem-summary" role="alert">
      <strong>{title}</strong> {issues.length > 0 ? `${issues.length === 1 ? 'One problem' : `${issues.length} problems`}; nothing was written.` : error.message}
      {conflict && <p>Nothing was imported. Resolve the conflicts in this installation (or in the bundle) and preview the plan again.</p>}
      {issues.length > 0 && (
        <ul aria-label="Problems in the bundle">
          {issues.map((issue, index) => {
            const path = bundlePath(issue.path);
            return (
              <li key={index}>
                {path ? <code>{path}</code> : <span className="muted">(the whole bundle)</span>} — {issue.message}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

/** "components.0.forms.1.key": the path inside the bundle document. */
function bundlePath(path: ReadonlyArray<PropertyKey>): string {
  const inBody = issuePath(path);
  return inBody === 'bundle' ? '' : inBody.replace(/^bundle\./, '');
}
