'use client';
import { useQuery } from '@tanstack/react-query';
import { fetchComponent } from './components.api';
import { componentsKeys } from './components.keys';

/** One component with its entity model and display function. */
export function useComponent(key: string) {
  return useQuery({ queryKey: componentsKeys.detail(key), queryFn: () => fetchComponent(key) });
}
