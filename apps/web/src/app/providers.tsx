'use client';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { sessionKeys } from '@/features/session/session.keys';
import { ApiError } from '@/lib/api-client';

/** The one TanStack Query client of the app. */
export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(() => {
    // A 401 means the session ended (expired, revoked, signed out elsewhere): forgetting it
    // makes the shell send the browser to the sign-in page. Signing in is the exception,
    // where 401 just means a wrong password.
    const sessionEnded = (error: Error) => {
      if (error instanceof ApiError && error.status === 401) queryClient.setQueryData(sessionKeys.all, null);
    };
    const queryClient: QueryClient = new QueryClient({
      queryCache: new QueryCache({ onError: sessionEnded }),
      mutationCache: new MutationCache({
        onError: (error, _variables, _context, mutation) => {
          if (!mutation.meta?.unauthorizedIsAnAnswer) sessionEnded(error);
        },
      }),
      defaultOptions: {
        queries: {
          staleTime: 5_000,
          // Asking again will not change a 4xx answer.
          retry: (failures, error) => failures < 1 && !(error instanceof ApiError && error.status < 500),
          refetchOnWindowFocus: false,
        },
      },
    });
    return queryClient;
  });
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
