'use client';
import { useQuery } from '@tanstack/react-query';
import { fetchForm } from './forms.api';
import { formsKeys } from './forms.keys';

export function useForm(id: string) {
  return useQuery({ queryKey: formsKeys.detail(id), queryFn: () => fetchForm(id) });
}
