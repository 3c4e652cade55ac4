import { SystemDetail, SystemList, SystemSummary, type CreateSystemRequest, type UpdateSystemRequest } from '@conflux/contracts';
import { apiFetch, apiSend } from '@/lib/api-client';

export interface SystemListParams {
  search?: string;
  cursor?: string;
  limit?: number;
}

export function fetchSystems({ search, cursor, limit }: SystemListParams) {
  const query = new URLSearchParams();
  if (search) query.set('search', search);
  if (cursor) query.set('cursor', cursor);
  if (limit) query.set('limit', String(limit));
  const suffix = query.toString() ? `?${query}` : '';
  return apiFetch(`/systems${suffix}`, SystemList);
}

export const fetchSystem = (id: string) => apiFetch(`/systems/${encodeURIComponent(id)}`, SystemDetail);

export const createSystem = (request: CreateSystemRequest) =>
  apiFetch('/systems', SystemSummary, { method: 'POST', body: JSON.stringify(request) });

export const updateSystem = (id: string, changes: UpdateSystemRequest) =>
  apiFetch(`/systems/${encodeURIComponent(id)}`, SystemSummary, { method: 'PATCH', body: JSON.stringify(changes) });

/** 409 with `dependents` while dataflows still use the system. */
export const deleteSystem = (id: string) => apiSend(`/systems/${encodeURIComponent(id)}`, { method: 'DELETE' });
