import {
  Endpoint,
  EndpointList,
  OpenApiImportPreview,
  OpenApiImportResult,
  OutboundResult,
  type CreateEndpointRequest,
  type OpenApiImportRequest,
  type TryEndpointRequest,
  type UpdateEndpointRequest,
} from '@conflux/contracts';
import { apiFetch, apiSend } from '@/lib/api-client';

const connectorPath = (connectorId: string) => `/connectors/${encodeURIComponent(connectorId)}/endpoints`;
const endpointPath = (id: string) => `/endpoints/${encodeURIComponent(id)}`;

export const fetchEndpoints = (connectorId: string) => apiFetch(connectorPath(connectorId), EndpointList);

export const fetchEndpoint = (id: string) => apiFetch(endpointPath(id), Endpoint);

export const createEndpoint = (connectorId: string, request: CreateEndpointRequest) =>
  apiFetch(connectorPath(connectorId), Endpoint, { method: 'POST', body: JSON.stringify(request) });

export const updateEndpoint = (id: string, changes: UpdateEndpointRequest) =>
  apiFetch(endpointPath(id), Endpoint, { method: 'PATCH', body: JSON.stringify(changes) });

/** 409 with `dependents` while dataflows still call the endpoint. */
export const deleteEndpoint = (id: string) => apiSend(endpointPath(id), { method: 'DELETE' });

/** The operations of an OpenAPI 3 document (JSON or YAML text); 400 with issues at ['document'] says where it is wrong. */
export const previewImport = (connectorId: string, document: string) =>
  apiFetch(`${connectorPath(connectorId)}/import/preview`, OpenApiImportPreview, { method: 'POST', body: JSON.stringify({ document }) });

export const importEndpoints = (connectorId: string, request: OpenApiImportRequest) =>
  apiFetch(`${connectorPath(connectorId)}/import`, OpenApiImportResult, { method: 'POST', body: JSON.stringify(request) });

/** "Try it": the request goes through the connector; whatever the upstream answers is a 200 here. */
export const tryEndpoint = (id: string, request: TryEndpointRequest) =>
  apiFetch(`${endpointPath(id)}/try`, OutboundResult, { method: 'POST', body: JSON.stringify(request) });
