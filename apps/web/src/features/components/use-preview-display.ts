'use client';
import { useMutation } from '@tanstack/react-query';
import { previewDisplay } from './components.api';

/** A dry run of a display function on a sample output: nothing is saved, nothing to invalidate. */
export function usePreviewDisplay(key: string) {
  return useMutation({
    mutationFn: (request: { displayFunction: string | null; output: unknown }) => previewDisplay(key, request),
  });
}
