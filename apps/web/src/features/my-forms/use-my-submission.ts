'use client';
import { useQuery } from '@tanstack/react-query';
import { fetchMySubmission } from './my-forms.api';
import { myFormsKeys } from './my-forms.keys';
import { isSubmissionActive } from './submission-status';

/** One submission; polled every second while `poll` is set and it is still active (the fallback when events fail). */
export function useMySubmission(runId: string, { poll = false }: { poll?: boolean } = {}) {
  return useQuery({
    queryKey: myFormsKeys.submission(runId),
    queryFn: () => fetchMySubmission(runId),
    enabled: runId !== '',
    refetchInterval: (query) => (poll && query.state.data && isSubmissionActive(query.state.data) ? 1_000 : false),
  });
}
