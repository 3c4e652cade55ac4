export const myFormsKeys = {
  all: ['my'] as const,
  forms: () => [...myFormsKeys.all, 'forms'] as const,
  form: (id: string) => [...myFormsKeys.forms(), id] as const,
  submissions: () => [...myFormsKeys.all, 'submissions'] as const,
  submissionLists: () => [...myFormsKeys.submissions(), 'list'] as const,
  submissionList: (params: { cursor?: string; limit?: number }) => [...myFormsKeys.submissionLists(), params] as const,
  submission: (runId: string) => [...myFormsKeys.submissions(), 'detail', runId] as const,
};
