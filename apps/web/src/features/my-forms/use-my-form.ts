'use client';
import { useQuery } from '@tanstack/react-query';
import { fetchMyForm } from './my-forms.api';
import { myFormsKeys } from './my-forms.keys';

export function useMyForm(id: string) {
  return useQuery({ queryKey: myFormsKeys.form(id), queryFn: () => fetchMyForm(id) });
}
