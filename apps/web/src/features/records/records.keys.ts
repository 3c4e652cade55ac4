import type { RecordListParams } from './records.api';

export const recordsKeys = {
  all: ['records'] as const,
  component: (componentKey: string) => [...recordsKeys.all, componentKey] as const,
  lists: (componentKey: string) => [...recordsKeys.component(componentKey), 'list'] as const,
  list: (componentKey: string, params: RecordListParams) => [...recordsKeys.lists(componentKey), params] as const,
};
