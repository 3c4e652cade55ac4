'use client';
import { useQuery } from '@tanstack/react-query';
import { fetchComponentForms } from './forms.api';
import { formsKeys } from './forms.keys';

export function useComponentForms(componentKey: string) {
  return useQuery({ queryKey: formsKeys.list(componentKey), queryFn: () => fetchComponentForms(componentKey) });
}
