import { Dataflow, DataflowList, RunView, type CreateDataflowRequest, type SaveDraftRequest, type StartRunRequest } from '@conflux/contracts';
import { apiFetch, apiSend } from '@/lib/api-client';

export interface DataflowListParams {
  search?: string;
  cursor?: string;
  limit?: number;
}

export function fetchDataflows({ search, cursor, limit }: DataflowListParams) {
  const query = new URLSearchParams();
  if (search) query.set('search', search);
  if (cursor) query.set('cursor', cursor);
  if (limit) query.set('limit', String(limit));
  const suffix = query.toString() ? `?${query}` : '';
  return apiFetch(`/dataflows${suffix}`, DataflowList);
}

const dataflowPath = (key: string) => `/dataflows/${encodeURIComponent(key)}`;

/** The dataflow with `current`: its draft if it has one, else its latest published version. */
export const fetchDataflow = (key: string) => apiFetch(dataflowPath(key), Dataflow);

export const createDataflow = (request: CreateDataflowRequest) =>
  apiFetch('/dataflows', Dataflow, { method: 'POST', body: JSON.stringify(request) });

/** 400 "The dataflow has problems" lists each one at its step and field (['steps', 2, 'config', 'condition']). */
export const saveDraft = (key: string, request: SaveDraftRequest) =>
  apiFetch(`${dataflowPath(key)}/draft`, Dataflow, { method: 'PUT', body: JSON.stringify(request) });

export const publishDataflow = (key: string) => apiFetch(`${dataflowPath(key)}/publish`, Dataflow, { method: 'POST' });

/** Its run history goes with it; 409 with `dependents` while forms use it. */
export const deleteDataflow = (key: string) => apiSend(dataflowPath(key), { method: 'DELETE' });

/** 200 with the finished run when it ended within `wait` seconds, else 202 with the run queued or running. */
export const startRun = (key: string, request: StartRunRequest) =>
  apiFetch(`${dataflowPath(key)}/runs`, RunView, { method: 'POST', body: JSON.stringify(request) });
