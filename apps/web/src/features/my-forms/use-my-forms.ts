'use client';
import { useQuery } from '@tanstack/react-query';
import { fetchMyForms } from './my-forms.api';
import { myFormsKeys } from './my-forms.keys';

export function useMyForms() {
  return useQuery({ queryKey: myFormsKeys.forms(), queryFn: fetchMyForms });
}
