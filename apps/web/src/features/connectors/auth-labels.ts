import type { ConnectorAuth } from '@conflux/contracts';

export type AuthType = ConnectorAuth['type'];

export const authLabels: Record<AuthType, string> = {
  none: 'None',
  api_key: 'API key',
  bearer: 'Bearer token',
  basic: 'Basic (username and password)',
  oauth2_client_credentials: 'OAuth2 client credentials',
};

/** Short form for tables: "API key (header X-Api-Key)". */
export function describeAuth(auth: ConnectorAuth): string {
  switch (auth.type) {
    case 'api_key':
      return `API key (${auth.in} ${auth.name})`;
    case 'basic':
      return `Basic (${auth.username})`;
    case 'oauth2_client_credentials':
      return 'OAuth2 client credentials';
    default:
      return authLabels[auth.type];
  }
}
