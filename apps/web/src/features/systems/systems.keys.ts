import type { SystemListParams } from './systems.api';

export const systemsKeys = {
  all: ['systems'] as const,
  lists: () => [...systemsKeys.all, 'list'] as const,
  list: (params: SystemListParams) => [...systemsKeys.lists(), params] as const,
  details: () => [...systemsKeys.all, 'detail'] as const,
  detail: (id: string) => [...systemsKeys.details(), id] as const,
};
