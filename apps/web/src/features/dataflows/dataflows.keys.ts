import type { DataflowListParams } from './dataflows.api';

export const dataflowsKeys = {
  all: ['dataflows'] as const,
  lists: () => [...dataflowsKeys.all, 'list'] as const,
  list: (params: DataflowListParams) => [...dataflowsKeys.lists(), params] as const,
  details: () => [...dataflowsKeys.all, 'detail'] as const,
  detail: (key: string) => [...dataflowsKeys.details(), key] as const,
};
