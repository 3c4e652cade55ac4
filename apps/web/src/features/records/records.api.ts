import { EntityRecord, RecordList } from '@conflux/contracts';
import { apiFetch, apiSend } from '@/lib/api-client';

export interface RecordListParams {
  offset?: number;
  limit?: number;
  sort?: string;
  order?: 'asc' | 'desc';
  /** Property → value: records whose property has exactly this text value. */
  filter?: Record<string, string>;
}

const recordsPath = (componentKey: string) => `/components/${encodeURIComponent(componentKey)}/records`;

/** The query string of a records page: `filter.<property>=value` per filter. */
export function recordListQuery({ offset, limit, sort, order, filter }: RecordListParams): string {
  const query = new URLSearchParams();
  if (offset) query.set('offset', String(offset));
  if (limit) query.set('limit', String(limit));
  if (sort) query.set('sort', sort);
  if (sort && order) query.set('order', order);
  for (const [property, value] of Object.entries(filter ?? {})) {
    if (value !== '') query.set(`filter.${property}`, value);
  }
  return query.toString() ? `?${query}` : '';
}

export const fetchRecords = (componentKey: string, params: RecordListParams) =>
  apiFetch(`${recordsPath(componentKey)}${recordListQuery(params)}`, RecordList);

/** 400 with issues at ['data', property] when the data does not fit the entity model. */
export const createRecord = (componentKey: string, data: Record<string, unknown>) =>
  apiFetch(recordsPath(componentKey), EntityRecord, { method: 'POST', body: JSON.stringify({ data }) });

export const updateRecord = (componentKey: string, id: string, data: Record<string, unknown>) =>
  apiFetch(`${recordsPath(componentKey)}/${encodeURIComponent(id)}`, EntityRecord, { method: 'PATCH', body: JSON.stringify({ data }) });

export const deleteRecord = (componentKey: string, id: string) =>
  apiSend(`${recordsPath(componentKey)}/${encodeURIComponent(id)}`, { method: 'DELETE' });
