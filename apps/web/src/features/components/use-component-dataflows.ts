'use client';
import { useQuery } from '@tanstack/react-query';
import { fetchComponentDataflows } from './components.api';
import { componentsKeys } from './components.keys';

/** The dataflows of a component, once its id is known. */
export function useComponentDataflows(componentId: string | undefined) {
  return useQuery({
    queryKey: componentsKeys.dataflows(componentId ?? ''),
    queryFn: () => fetchComponentDataflows(componentId!),
    enabled: Boolean(componentId),
  });
}
