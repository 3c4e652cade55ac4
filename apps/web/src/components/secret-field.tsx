'use client';
import type { ReactNode } from 'react';
import { Field } from './text-field';

/**
 * What the form holds for a write-only secret: a new value, or the wish to remove the stored
 * one. The stored value itself never reaches the browser, so it is never prefilled.
 */
export interface SecretDraft {
  value: string;
  clear: boolean;
}

export const emptySecret: SecretDraft = { value: '', clear: false };

/** The request field for a secret: a string sets it, null clears it, undefined keeps it. */
export function secretInput(draft: SecretDraft, stored: boolean): string | null | undefined {
  if (draft.value) return draft.value;
  if (draft.clear && stored) return null;
  return undefined;
}

export const SECRET_KEPT_HINT = '•••• set — leave blank to keep';

/** A password input for a secret the server keeps: "set — leave blank to keep", with Clear and Undo. */
export function SecretField({
  label,
  name,
  draft,
  stored,
  onChange,
  error,
  hint,
}: {
  label: string;
  name: string;
  draft: SecretDraft;
  /** Whether the server holds a value for this secret. */
  stored: boolean;
  onChange: (draft: SecretDraft) => void;
  error?: string;
  hint?: ReactNode;
}) {
  const state = !stored ? null : draft.clear && !draft.value ? 'Cleared: saving removes the stored value.' : SECRET_KEPT_HINT;
  return (
    <Field
      label={label}
      error={error}
      hint={
        state || hint ? (
          <>
            {state && <span className={draft.clear ? 'secret-state cleared' : 'secret-state'}>{state}</span>}
            {state && hint ? ' ' : null}
            {hint}
          </>
        ) : undefined
      }
    >
      {(control) => (
        <div className="input-with-action">
          <input
            {...control}
            type="password"
            name={name}
            autoComplete="new-password"
            spellCheck={false}
            value={draft.value}
            placeholder={stored && !draft.clear ? '•••• set' : undefined}
            onChange={(event) => onChange({ ...draft, value: event.target.value })}
          />
          {stored &&
            (draft.clear ? (
              <button type="button" className="button small" aria-label={`Keep the stored ${label}`} onClick={() => onChange({ ...draft, clear: false })}>
                Undo
              </button>
            ) : (
              <button type="button" className="button small" aria-label={`Clear ${label}`} onClick={() => onChange({ value: '', clear: true })}>
                Clear
              </button>
            ))}
        </div>
      )}
    </Field>
  );
}
