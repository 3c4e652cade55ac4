import {
  Component,
  ComponentList,
  DataflowList,
  PreviewDisplayResponse,
  type CreateComponentRequest,
  type UpdateComponentRequest,
} from '@conflux/contracts';
import { apiFetch, apiSend } from '@/lib/api-client';

export interface ComponentListParams {
  search?: string;
  cursor?: string;
  limit?: number;
}

export function fetchComponents({ search, cursor, limit }: ComponentListParams) {
  const query = new URLSearchParams();
  if (search) query.set('search', search);
  if (cursor) query.set('cursor', cursor);
  if (limit) query.set('limit', String(limit));
  const suffix = query.toString() ? `?${query}` : '';
  return apiFetch(`/components${suffix}`, ComponentList);
}

export const componentPath = (key: string) => `/components/${encodeURIComponent(key)}`;

export const fetchComponent = (key: string) => apiFetch(componentPath(key), Component);

export const createComponent = (request: CreateComponentRequest) =>
  apiFetch('/components', Component, { method: 'POST', body: JSON.stringify(request) });

/** A new entity model that stored records do not fit answers 409 with `records` (see `incompatibleRecordsOf`). */
export const updateComponent = (key: string, changes: UpdateComponentRequest) =>
  apiFetch(componentPath(key), Component, { method: 'PATCH', body: JSON.stringify(changes) });

/** 409 with `dependents` while dataflows or forms still use it. */
export const deleteComponent = (key: string) => apiSend(componentPath(key), { method: 'DELETE' });

/** Runs the display function on a sample output in the sandbox, without saving it. */
export const previewDisplay = (key: string, request: { displayFunction: string | null; output: unknown }) =>
  apiFetch(`${componentPath(key)}/display/preview`, PreviewDisplayResponse, { method: 'POST', body: JSON.stringify(request) });

/**
 * The dataflows of a component. The dataflows list has no component filter: one page of the
 * most dataflows the API gives, filtered here (an installation has tens, not thousands).
 */
export async function fetchComponentDataflows(componentId: string) {
  const list = await apiFetch('/dataflows?limit=200', DataflowList);
  return list.items.filter((dataflow) => dataflow.componentId === componentId);
}

