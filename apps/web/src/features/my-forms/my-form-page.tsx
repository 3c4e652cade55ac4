'use client';
import { useParams } from 'next/navigation';
import { useRef, useState, type FormEvent } from 'react';
import { Breadcrumbs } from '@/components/breadcrumbs';
import { QueryState } from '@/components/query-state';
import { FormFields } from '@/features/forms/form-fields';
import { checkValues, emptyInputs, type FormInputs } from '@/features/forms/form-values';
import { formError, pathErrors } from '@/lib/api-client';
import { SubmissionProgress } from './submission-progress';
import { isSubmissionActive } from './submission-status';
import { useMyForm } from './use-my-form';
import { useMySubmission } from './use-my-submission';
import { useSubmitForm } from './use-submit-form';

/** A fresh idempotency key: one per submission the user means to make. */
const newIdempotencyKey = () => crypto.randomUUID();

export function MyFormPage() {
  const { id } = useParams<{ id: string }>();
  const form = useMyForm(id);
  const submit = useSubmitForm(id);
  const [inputs, setInputs] = useState<FormInputs | null>(null);
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const [runId, setRunId] = useState<string | null>(null);
  // The key of the submission being sent: kept until a run has started, so a double click or
  // a retried request after a network error reaches the same run instead of starting another.
  const idempotencyKey = useRef<string | null>(null);
  const sending = useRef(false);
  const current = useMySubmission(runId ?? '');
  const running = Boolean(runId && current.data && isSubmissionActive(current.data));

  if (!form.data) {
    return <QueryState what="the form" isPending={form.isPending} error={form.error} onRetry={() => form.refetch()} back={{ href: '/my/forms', label: 'Back to My forms' }} />;
  }
  const { data } = form;
  const values = inputs ?? emptyInputs(data.fields);

  function send() {
    if (sending.current) return;
    const checked = checkValues(data.fields, values);
    if (!checked.values) {
      setInvalid(checked.errors);
      return;
    }
    setInvalid({});
    idempotencyKey.current ??= newIdempotencyKey();
    sending.current = true;
    submit.mutate(
      { values: checked.values, idempotencyKey: idempotencyKey.current },
      {
        onSuccess: (submission) => {
          // The run exists: the next submission is a new one, with a new key.
          idempotencyKey.current = null;
          setRunId(submission.runId);
        },
        onSettled: () => {
          sending.current = false;
        },
      },
    );
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    send();
  }

  const serverErrors = pathErrors(submit.error);
  const errorOf = (name: string) => invalid[name] ?? serverErrors[`values.${name}`];
  const errors = Object.fromEntries(data.fields.map((field) => [field.name, errorOf(field.name)]).filter(([, message]) => message)) as Record<string, string>;
  const message = formError(
    submit.error,
    data.fields.map((field) => `values.${field.name}`),
  );
  const busy = submit.isPending || running;
  return (
    <section>
      <Breadcrumbs items={[{ label: 'My forms', href: '/my/forms' }, { label: data.name }]} />
      <h1>{data.name}</h1>
      <p className="lead">
        {data.description || `A form of ${data.componentName}.`}
      </p>
      <div className="user-form-layout">
        <form className="form panel user-form" onSubmit={onSubmit} noValidate aria-label={data.name}>
          {data.fields.length === 0 && <p className="muted">This form asks nothing: submit it to start.</p>}
          <FormFields
            fields={data.fields}
            inputs={values}
            errors={errors}
            disabled={busy}
            onChange={(name, value) => {
              setInputs({ ...values, [name]: value });
              setInvalid(({ [name]: _dropped, ...rest }) => rest);
            }}
          />
          {invalid[''] && <p className="field-error">{invalid['']}</p>}
          {message && (
            <div className="callout error" role="alert">
              {message}
            </div>
          )}
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={busy}>
              {submit.isPending ? 'Sending…' : running ? 'Working…' : 'Submit'}
            </button>
            {runId && !busy && (
              <button
                type="button"
                className="button"
                onClick={() => {
                  setRunId(null);
                  setInputs(null);
                  submit.reset();
                }}
              >
                Start over
              </button>
            )}
          </div>
        </form>
        {runId && (
          <div className="user-form-result">
            <SubmissionProgress key={runId} runId={runId} onTryAgain={send} />
          </div>
        )}
      </div>
    </section>
  );
}
