import type { QueryClient } from '@tanstack/react-query';
import { connectorsKeys } from '@/features/connectors/connectors.keys';
import { systemsKeys } from '@/features/systems/systems.keys';
import { endpointsKeys } from './endpoints.keys';

/** After endpoints change: their lists, and the connectors (and systems' connector tables) that count them. */
export function invalidateAfterEndpointChange(queryClient: QueryClient, { details = true } = {}) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: details ? endpointsKeys.all : endpointsKeys.lists() }),
    queryClient.invalidateQueries({ queryKey: connectorsKeys.all }),
    queryClient.invalidateQueries({ queryKey: systemsKeys.all }),
  ]);
}
