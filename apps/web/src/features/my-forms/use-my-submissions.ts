'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { fetchMySubmissions } from './my-forms.api';
import { myFormsKeys } from './my-forms.keys';

export function useMySubmissions(params: { cursor?: string; limit?: number }) {
  return useQuery({
    queryKey: myFormsKeys.submissionList(params),
    queryFn: () => fetchMySubmissions(params),
    placeholderData: keepPreviousData,
  });
}
