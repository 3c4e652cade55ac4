'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { fetchComponents, type ComponentListParams } from './components.api';
import { componentsKeys } from './components.keys';

export function useComponents(params: ComponentListParams) {
  return useQuery({
    queryKey: componentsKeys.list(params),
    queryFn: () => fetchComponents(params),
    // Keep the current page on screen while the next one (or a new search) loads.
    placeholderData: keepPreviousData,
  });
}
