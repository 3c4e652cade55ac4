'use client';
import { Submission } from '@conflux/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { submissionEventsUrl } from './my-forms.api';
import { myFormsKeys } from './my-forms.keys';
import { isSubmissionActive } from './submission-status';
import { useMySubmission } from './use-my-submission';

/**
 * A submission that moves live: while it is queued or running, its server-sent events write
 * each new state into the query cache; if the stream fails, the submission is polled instead.
 */
export function useLiveSubmission(runId: string) {
  const queryClient = useQueryClient();
  const [eventsFailed, setEventsFailed] = useState(false);
  const submission = useMySubmission(runId, { poll: eventsFailed });
  const active = submission.data ? isSubmissionActive(submission.data) : false;
  const [live, setLive] = useState(false);

  useEffect(() => {
    if (!active || eventsFailed || typeof EventSource === 'undefined') return;
    const source = new EventSource(submissionEventsUrl(runId));
    const settle = () => void queryClient.invalidateQueries({ queryKey: myFormsKeys.submissionLists() });
    source.addEventListener('open', () => setLive(true));
    source.addEventListener('submission', (message: MessageEvent<string>) => {
      let data: unknown;
      try {
        data = JSON.parse(message.data);
      } catch {
        return;
      }
      const parsed = Submission.safeParse(data);
      if (!parsed.success) return;
      setLive(true);
      queryClient.setQueryData(myFormsKeys.submission(runId), parsed.data);
      if (!isSubmissionActive(parsed.data)) settle();
    });
    source.addEventListener('end', () => {
      source.close();
      setLive(false);
      settle();
    });
    source.addEventListener('error', () => {
      // EventSource would reconnect forever; polling is the calmer fallback.
      source.close();
      setLive(false);
      setEventsFailed(true);
    });
    return () => source.close();
  }, [runId, active, eventsFailed, queryClient]);

  return { submission, live: active && live && !eventsFailed, polling: active && eventsFailed };
}
