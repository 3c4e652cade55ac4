'use client';
import { useMutation } from '@tanstack/react-query';
import { previewImport } from './endpoints.api';

/** Reads a document without importing anything. */
export function usePreviewImport() {
  return useMutation({
    mutationFn: ({ connectorId, document }: { connectorId: string; document: string }) => previewImport(connectorId, document),
  });
}
