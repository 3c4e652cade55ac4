'use client';
import { ConflictBody, type Dependent } from '@conflux/contracts';
import { ApiError, formError } from '@/lib/api-client';

const dependentLabels: Record<Dependent['type'], string> = { dataflow: 'Dataflow', form: 'Form', component: 'Component' };

/** What still uses something the admin tried to delete (a 409 with `dependents`), if that is what `error` says. */
export function dependentsOf(error: unknown): Dependent[] {
  if (!(error instanceof ApiError) || error.status !== 409) return [];
  const body = ConflictBody.safeParse(error.body);
  return body.success ? (body.data.dependents ?? []) : [];
}

/**
 * An error of an action, above the page: the API's message and, when something is still in
 * use, the list of what uses it, so the admin knows what to change first.
 */
export function ProblemCallout({ title, error, onDismiss }: { title: string; error: unknown; onDismiss?: () => void }) {
  const dependents = dependentsOf(error);
  return (
    <div className="callout error" role="alert">
      <strong>{title}</strong> {formError(error)}
      {dependents.length > 0 && (
        <ul className="dependents" aria-label="Used by">
          {dependents.map((dependent) => (
            <li key={`${dependent.type}:${dependent.key}`}>
              {dependentLabels[dependent.type]} <strong>{dependent.name}</strong> <code>{dependent.key}</code>
            </li>
          ))}
        </ul>
      )}
      {onDismiss && (
        <div>
          <button type="button" className="button small" onClick={onDismiss}>
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}
