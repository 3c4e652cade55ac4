'use client';
import { emptyExpression, nextUid, type MappingDraft } from './dataflow-draft';
import { problemAt, problemExactly, type StepProblems } from './dataflow-issues';
import { EXPRESSION_HINT, LITERAL_HINT, MappingKindSelect, MappingTextInput } from './mapping-value-input';

interface Row {
  rowId: number;
  value: MappingDraft;
}

/**
 * Rows of (name, value) for Transform model, Write response and Update entry: `keyOf` and
 * `withKey` read and write the row's name (`path` or `property`).
 */
export function RowsEditor<T extends Row>({
  caption,
  keyLabel,
  keyPart,
  keyPlaceholder,
  listPath,
  rows,
  problems,
  keyOf,
  withKey,
  onChange,
  addLabel,
}: {
  caption: string;
  keyLabel: string;
  keyPart: string;
  keyPlaceholder: string;
  /** "config.fields": where the rows' problems are. */
  listPath: string;
  rows: T[];
  problems: StepProblems;
  keyOf: (row: T) => string;
  withKey: (row: T, key: string) => T;
  onChange: (rows: T[]) => void;
  addLabel: string;
}) {
  const change = (rowId: number, row: T) => onChange(rows.map((other) => (other.rowId === rowId ? row : other)));
  const listError = problemExactly(problems, listPath);
  return (
    <fieldset className="fieldset">
      <legend>{caption}</legend>
      {rows.length > 0 ? (
        <table className="table compact editor mapping-table" aria-label={caption}>
          <thead>
            <tr>
              <th scope="col">{keyLabel}</th>
              <th scope="col">Kind</th>
              <th scope="col">Value</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => {
              const key = keyOf(row);
              const label = `${keyLabel.toLowerCase()} ${key || index + 1}`;
              const keyError = problemAt(problems, `${listPath}.${index}.${keyPart}`);
              return (
                <tr key={row.rowId}>
                  <td>
                    <input
                      aria-label={`${keyLabel} ${index + 1}`}
                      aria-invalid={Boolean(keyError)}
                      className={keyError ? 'invalid' : undefined}
                      autoComplete="off"
                      spellCheck={false}
                      placeholder={keyPlaceholder}
                      value={key}
                      onChange={(event) => change(row.rowId, withKey(row, event.target.value))}
                    />
                    {keyError && <p className="field-error">{keyError}</p>}
                  </td>
                  <td className="kind-cell">
                    <MappingKindSelect label={label} value={row.value} onChange={(value) => change(row.rowId, { ...row, value })} />
                  </td>
                  <td>
                    <MappingTextInput label={label} value={row.value} onChange={(value) => change(row.rowId, { ...row, value })} error={problemAt(problems, `${listPath}.${index}.value`)} />
                  </td>
                  <td className="row-actions">
                    <button type="button" className="button small" aria-label={`Remove ${label}`} onClick={() => onChange(rows.filter((other) => other.rowId !== row.rowId))}>
                      Remove
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : (
        <p className="muted">No rows yet.</p>
      )}
      {listError && <p className="field-error">{listError}</p>}
      <p className="field-hint">
        {EXPRESSION_HINT} {LITERAL_HINT}
      </p>
      <div>
        <button type="button" className="button small" onClick={() => onChange([...rows, withKey({ rowId: nextUid(), value: emptyExpression() } as T, '')])}>
          {addLabel}
        </button>
      </div>
    </fieldset>
  );
}
