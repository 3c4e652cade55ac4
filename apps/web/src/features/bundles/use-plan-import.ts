'use client';
import { useMutation } from '@tanstack/react-query';
import { planImport } from './bundles.api';

/** A mutation although it writes nothing: the bundle travels in the body of a POST. */
export function usePlanImport() {
  return useMutation({ mutationFn: planImport });
}
