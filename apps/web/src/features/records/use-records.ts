'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { fetchRecords, type RecordListParams } from './records.api';
import { recordsKeys } from './records.keys';

export function useRecords(componentKey: string, params: RecordListParams) {
  return useQuery({
    queryKey: recordsKeys.list(componentKey, params),
    queryFn: () => fetchRecords(componentKey, params),
    // Keep the current page on screen while another page, sort or filter loads.
    placeholderData: keepPreviousData,
  });
}
