'use client';
import { useQuery } from '@tanstack/react-query';
import { fetchEndpoints } from '@/features/endpoints/endpoints.api';
import { endpointsKeys } from '@/features/endpoints/endpoints.keys';
import { fetchSystem, fetchSystems } from '@/features/systems/systems.api';
import { systemsKeys } from '@/features/systems/systems.keys';

/*
 * The options of the Execute API call step's cascading selects, cached under the catalog's
 * own keys: editing a system, connector or endpoint elsewhere refreshes them here too.
 */

const SYSTEM_OPTIONS = { limit: 200 };

export function useSystemOptions() {
  return useQuery({ queryKey: systemsKeys.list(SYSTEM_OPTIONS), queryFn: () => fetchSystems(SYSTEM_OPTIONS) });
}

/** The connectors of the chosen system. */
export function useConnectorOptions(systemId: string) {
  return useQuery({ queryKey: systemsKeys.detail(systemId), queryFn: () => fetchSystem(systemId), enabled: Boolean(systemId) });
}

/** The query paths of the chosen connector. */
export function useEndpointOptions(connectorId: string) {
  return useQuery({ queryKey: endpointsKeys.list(connectorId), queryFn: () => fetchEndpoints(connectorId), enabled: Boolean(connectorId) });
}
