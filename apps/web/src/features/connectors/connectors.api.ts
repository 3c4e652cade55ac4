import { Connector, OutboundResult, type CreateConnectorRequest, type UpdateConnectorRequest } from '@conflux/contracts';
import { apiFetch, apiSend } from '@/lib/api-client';

export const fetchConnector = (id: string) => apiFetch(`/connectors/${encodeURIComponent(id)}`, Connector);

export const createConnector = (systemId: string, request: CreateConnectorRequest) =>
  apiFetch(`/systems/${encodeURIComponent(systemId)}/connectors`, Connector, { method: 'POST', body: JSON.stringify(request) });

/** Secrets: a string sets, null clears, an absent field keeps what is stored. */
export const updateConnector = (id: string, changes: UpdateConnectorRequest) =>
  apiFetch(`/connectors/${encodeURIComponent(id)}`, Connector, { method: 'PATCH', body: JSON.stringify(changes) });

/** 409 with `dependents` while dataflows still use the connector. */
export const deleteConnector = (id: string) => apiSend(`/connectors/${encodeURIComponent(id)}`, { method: 'DELETE' });

/** A GET of the connector's test path with its saved settings; failures are part of the answer, not errors. */
export const testConnection = (id: string) =>
  apiFetch(`/connectors/${encodeURIComponent(id)}/test`, OutboundResult, { method: 'POST' });
