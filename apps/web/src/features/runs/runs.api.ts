import { DataflowVersion, RunList, RunView, type RunStatus } from '@conflux/contracts';
import { apiFetch } from '@/lib/api-client';

export interface RunListParams {
  dataflow?: string;
  status?: RunStatus;
  trigger?: 'form' | 'api' | 'schedule' | 'editor';
  /** ISO date-times with an offset. */
  from?: string;
  to?: string;
  cursor?: string;
  limit?: number;
}

export function fetchRuns(params: RunListParams) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') query.set(name, String(value));
  }
  const suffix = query.toString() ? `?${query}` : '';
  return apiFetch(`/runs${suffix}`, RunList);
}

const runPath = (id: string) => `/runs/${encodeURIComponent(id)}`;

export const fetchRun = (id: string) => apiFetch(runPath(id), RunView);

/** A queued run stops at once; a running one when its worker next looks (within seconds). */
export const cancelRun = (id: string) => apiFetch(`${runPath(id)}/cancel`, RunView, { method: 'POST' });

/** The run's server-sent events (same origin through the web app's proxy, so the session cookie goes along). */
export const runEventsUrl = (id: string) => `/api${runPath(id)}/events`;

/** The version a run executes: the steps it will go through (admins only). */
export const fetchRunVersion = (dataflowKey: string, version: number) =>
  apiFetch(`/dataflows/${encodeURIComponent(dataflowKey)}/versions/${version}`, DataflowVersion);
