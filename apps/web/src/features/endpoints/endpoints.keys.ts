export const endpointsKeys = {
  all: ['endpoints'] as const,
  lists: () => [...endpointsKeys.all, 'list'] as const,
  list: (connectorId: string) => [...endpointsKeys.lists(), connectorId] as const,
  details: () => [...endpointsKeys.all, 'detail'] as const,
  detail: (id: string) => [...endpointsKeys.details(), id] as const,
};
