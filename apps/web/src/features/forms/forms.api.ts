import { Form, FormList, type CreateFormRequest, type UpdateFormRequest } from '@conflux/contracts';
import { apiFetch, apiSend } from '@/lib/api-client';

/** The forms of one component. */
export const fetchComponentForms = (componentKey: string) =>
  apiFetch(`/components/${encodeURIComponent(componentKey)}/forms`, FormList);

const formPath = (id: string) => `/forms/${encodeURIComponent(id)}`;

export const fetchForm = (id: string) => apiFetch(formPath(id), Form);

export const createForm = (componentKey: string, request: CreateFormRequest) =>
  apiFetch(`/components/${encodeURIComponent(componentKey)}/forms`, Form, { method: 'POST', body: JSON.stringify(request) });

export const updateForm = (id: string, changes: UpdateFormRequest) =>
  apiFetch(formPath(id), Form, { method: 'PATCH', body: JSON.stringify(changes) });

export const deleteForm = (id: string) => apiSend(formPath(id), { method: 'DELETE' });
