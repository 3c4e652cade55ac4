'use client';
import type { ReactNode } from 'react';
import { Field } from '@/components/text-field';
import type { MappingDraft } from './dataflow-draft';

export const EXPRESSION_HINT = 'Expressions are JSONata over the model, e.g. city or weather.temperatureC * 9 / 5 + 32.';
export const LITERAL_HINT = 'Literals: JSON (42, true, {"a": 1}) as that value, any other text as a string.';

/** Expression or literal, for a table row. */
export function MappingKindSelect({ label, value, onChange }: { label: string; value: MappingDraft; onChange: (value: MappingDraft) => void }) {
  return (
    <select aria-label={`Kind of ${label}`} value={value.kind} onChange={(event) => onChange({ ...value, kind: event.target.value as MappingDraft['kind'] })}>
      <option value="expression">Expression</option>
      <option value="literal">Literal</option>
    </select>
  );
}

/** The expression (monospace) or literal text, for a table row, with its error below. */
export function MappingTextInput({
  label,
  value,
  onChange,
  error,
  placeholder,
}: {
  label: string;
  value: MappingDraft;
  onChange: (value: MappingDraft) => void;
  error?: string;
  placeholder?: string;
}) {
  const classes = [value.kind === 'expression' ? 'code-input' : '', error ? 'invalid' : ''].filter(Boolean).join(' ');
  return (
    <>
      <input
        aria-label={`Value of ${label}`}
        aria-invalid={Boolean(error)}
        className={classes || undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder={placeholder ?? (value.kind === 'expression' ? 'expression' : 'value')}
        value={value.text}
        onChange={(event) => onChange({ ...value, text: event.target.value })}
      />
      {error && <p className="field-error">{error}</p>}
    </>
  );
}

/** A labelled mapping outside a table (e.g. the record id of Update entry). */
export function MappingField({
  label,
  value,
  onChange,
  error,
  hint,
}: {
  label: string;
  value: MappingDraft;
  onChange: (value: MappingDraft) => void;
  error?: string;
  hint?: string;
}) {
  return (
    <Field label={label} error={error} hint={hint}>
      {(control) => (
        <div className="mapping-value">
          <select aria-label={`Kind of ${label}`} value={value.kind} onChange={(event) => onChange({ ...value, kind: event.target.value as MappingDraft['kind'] })}>
            <option value="expression">Expression</option>
            <option value="literal">Literal</option>
          </select>
          <input
            {...control}
            className={value.kind === 'expression' ? 'code-input' : undefined}
            autoComplete="off"
            spellCheck={false}
            value={value.text}
            onChange={(event) => onChange({ ...value, text: event.target.value })}
          />
        </div>
      )}
    </Field>
  );
}

/** A monospace expression input with its label, hint and error. */
export function ExpressionField({
  label,
  value,
  onChange,
  error,
  hint,
  placeholder,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: ReactNode;
  placeholder?: string;
}) {
  return (
    <Field label={label} error={error} hint={hint}>
      {(control) => (
        <input
          {...control}
          className="code-input"
          autoComplete="off"
          spellCheck={false}
          placeholder={placeholder}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}
