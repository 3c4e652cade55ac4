import type { RunListParams } from './runs.api';

export const runsKeys = {
  all: ['runs'] as const,
  lists: () => [...runsKeys.all, 'list'] as const,
  list: (params: RunListParams) => [...runsKeys.lists(), params] as const,
  details: () => [...runsKeys.all, 'detail'] as const,
  detail: (id: string) => [...runsKeys.details(), id] as const,
  /** Keyed under dataflows: saving a draft invalidates what it planned. */
  version: (dataflowKey: string, version: number) => ['dataflows', 'detail', dataflowKey, 'version', version] as const,
};
