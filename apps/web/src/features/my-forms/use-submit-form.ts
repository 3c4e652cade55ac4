'use client';
import type { SubmitFormRequest } from '@conflux/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { submitForm } from './my-forms.api';
import { myFormsKeys } from './my-forms.keys';

export function useSubmitForm(formId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: SubmitFormRequest) => submitForm(formId, request),
    onSuccess: (submission) => {
      queryClient.setQueryData(myFormsKeys.submission(submission.runId), submission);
      void queryClient.invalidateQueries({ queryKey: myFormsKeys.submissionLists() });
    },
  });
}
