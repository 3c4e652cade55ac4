import type { ComponentListParams } from './components.api';

export const componentsKeys = {
  all: ['components'] as const,
  lists: () => [...componentsKeys.all, 'list'] as const,
  list: (params: ComponentListParams) => [...componentsKeys.lists(), params] as const,
  details: () => [...componentsKeys.all, 'detail'] as const,
  detail: (key: string) => [...componentsKeys.details(), key] as const,
  /** The dataflows that belong to a component (by its id). */
  dataflows: (componentId: string) => [...componentsKeys.all, 'dataflows', componentId] as const,
  preview: (key: string) => [...componentsKeys.all, 'preview', key] as const,
};
