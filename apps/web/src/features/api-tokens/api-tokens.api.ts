import { ApiTokenList, CreatedApiToken, type CreateApiTokenRequest } from '@conflux/contracts';
import { apiFetch, apiSend } from '@/lib/api-client';

export const fetchApiTokens = () => apiFetch('/api-tokens', ApiTokenList);

export const createApiToken = (request: CreateApiTokenRequest) =>
  apiFetch('/api-tokens', CreatedApiToken, { method: 'POST', body: JSON.stringify(request) });

export const revokeApiToken = (id: string) => apiSend(`/api-tokens/${encodeURIComponent(id)}`, { method: 'DELETE' });
