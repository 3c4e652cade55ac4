'use client';
import Link from 'next/link';
import { useMyForms } from './use-my-forms';

export function MyFormsPage() {
  const forms = useMyForms();
  const items = forms.data?.items ?? [];
  return (
    <section>
      <div className="page-header">
        <div>
          <h1>My forms</h1>
          <p className="lead">The forms shared with you. Fill one in and follow its result here; past ones are under My submissions.</p>
        </div>
        <Link href="/my/submissions" className="button">
          My submissions
        </Link>
      </div>
      {forms.isPending && (
        <p className="muted" role="status">
          Loading your forms…
        </p>
      )}
      {forms.isError && (
        <div className="callout error" role="alert">
          Could not load your forms: {forms.error.message}{' '}
          <button type="button" className="button small" onClick={() => forms.refetch()}>
            Try again
          </button>
        </div>
      )}
      {forms.data && items.length === 0 && (
        <div className="empty">
          <p>
            <strong>No forms have been shared with you yet.</strong>
          </p>
          <p>When an admin grants you a form, it appears here.</p>
        </div>
      )}
      {items.length > 0 && (
        <ul className="form-cards" aria-label="Your forms">
          {items.map((form) => (
            <li key={form.id} className="form-card">
              <div className="form-card-component">{form.componentName}</div>
              <h2>
                <Link href={`/my/forms/${form.id}`}>{form.name}</Link>
              </h2>
              {form.description ? <p>{form.description}</p> : <p className="muted">{form.fields.length === 1 ? 'One field' : `${form.fields.length} fields`}</p>}
              <Link href={`/my/forms/${form.id}`} className="button primary" aria-label={`Open ${form.name}`}>
                Open
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
