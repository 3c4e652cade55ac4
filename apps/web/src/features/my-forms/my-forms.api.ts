import { Submission, SubmissionList, UserForm, UserFormList, type SubmitFormRequest } from '@conflux/contracts';
import { apiFetch } from '@/lib/api-client';

/** The forms granted to the signed-in user (by role or by name). */
export const fetchMyForms = () => apiFetch('/my/forms', UserFormList);

export const fetchMyForm = (id: string) => apiFetch(`/my/forms/${encodeURIComponent(id)}`, UserForm);

/**
 * Starts the form's dataflow: 202 with the submission queued. The same idempotency key
 * returns the submission it already started instead of a second run.
 */
export const submitForm = (id: string, request: SubmitFormRequest) =>
  apiFetch(`/my/forms/${encodeURIComponent(id)}/submissions`, Submission, { method: 'POST', body: JSON.stringify(request) });

export function fetchMySubmissions({ cursor, limit }: { cursor?: string; limit?: number }) {
  const query = new URLSearchParams();
  if (cursor) query.set('cursor', cursor);
  if (limit) query.set('limit', String(limit));
  const suffix = query.toString() ? `?${query}` : '';
  return apiFetch(`/my/submissions${suffix}`, SubmissionList);
}

export const fetchMySubmission = (runId: string) => apiFetch(`/my/submissions/${encodeURIComponent(runId)}`, Submission);

/** Server-sent events: `submission` (the whole Submission) whenever it changes, then `end`. */
export const submissionEventsUrl = (runId: string) => `/api/my/submissions/${encodeURIComponent(runId)}/events`;
