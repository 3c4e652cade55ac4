'use client';
import { useMutation } from '@tanstack/react-query';
import { exportBundle } from './bundles.api';

export function useExportBundle() {
  return useMutation({ mutationFn: exportBundle });
}
