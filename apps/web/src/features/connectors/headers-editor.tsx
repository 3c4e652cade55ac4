'use client';
import type { Connector } from '@conflux/contracts';
import { SECRET_KEPT_HINT } from '@/components/secret-field';
import { headerSecretStored, newHeaderRow, type HeaderDraft } from './connector-draft';

/**
 * Headers sent with every request of the connector. A secret header's value is write-only,
 * like the authentication secret: blank keeps the stored one, Clear removes it.
 */
export function HeadersEditor({
  rows,
  connector,
  errors,
  onChange,
}: {
  rows: HeaderDraft[];
  connector?: Connector;
  errors: Record<string, string>;
  onChange: (rows: HeaderDraft[]) => void;
}) {
  const change = (id: number, changes: Partial<HeaderDraft>) => onChange(rows.map((row) => (row.id === id ? { ...row, ...changes } : row)));
  return (
    <fieldset className="fieldset">
      <legend>Default headers</legend>
      <p className="field-hint">Sent with every request through this connector. Mark credentials as secret: they are stored encrypted and never shown again.</p>
      {rows.length > 0 && (
        <table className="table compact editor" aria-label="Default headers">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Value</th>
              <th scope="col">Secret</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => {
              const stored = row.secret && headerSecretStored(connector, row.name);
              const nameError = errors[`defaultHeaders.${index}.name`];
              const valueError = errors[`defaultHeaders.${index}.value`];
              const number = index + 1;
              return (
                <tr key={row.id}>
                  <td>
                    <input
                      aria-label={`Header ${number} name`}
                      aria-invalid={Boolean(nameError)}
                      className={nameError ? 'invalid' : undefined}
                      autoComplete="off"
                      spellCheck={false}
                      placeholder="Accept"
                      value={row.name}
                      onChange={(event) => change(row.id, { name: event.target.value })}
                    />
                    {nameError && <p className="field-error">{nameError}</p>}
                  </td>
                  <td>
                    <div className="input-with-action">
                      <input
                        aria-label={`Header ${number} value`}
                        aria-invalid={Boolean(valueError)}
                        className={valueError ? 'invalid' : undefined}
                        type={row.secret ? 'password' : 'text'}
                        autoComplete={row.secret ? 'new-password' : 'off'}
                        spellCheck={false}
                        placeholder={stored && !row.clear ? '•••• set' : row.secret ? '' : 'application/json'}
                        value={row.value}
                        onChange={(event) => change(row.id, { value: event.target.value })}
                      />
                      {stored &&
                        (row.clear ? (
                          <button type="button" className="button small" onClick={() => change(row.id, { clear: false })}>
                            Undo
                          </button>
                        ) : (
                          <button type="button" className="button small" aria-label={`Clear the value of header ${number}`} onClick={() => change(row.id, { value: '', clear: true })}>
                            Clear
                          </button>
                        ))}
                    </div>
                    {stored && !row.value && (
                      <p className="field-hint">{row.clear ? 'Cleared: saving removes the stored value.' : SECRET_KEPT_HINT}</p>
                    )}
                    {valueError && <p className="field-error">{valueError}</p>}
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Header ${number} is secret`}
                      checked={row.secret}
                      // Turning a plain header into a secret keeps what was typed; the other way round starts blank.
                      onChange={(event) => change(row.id, { secret: event.target.checked, ...(event.target.checked ? {} : { value: '', clear: false }) })}
                    />
                  </td>
                  <td className="row-actions">
                    <button type="button" className="button small" aria-label={`Remove header ${number}`} onClick={() => onChange(rows.filter((other) => other.id !== row.id))}>
                      Remove
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {errors.defaultHeaders && <p className="field-error">{errors.defaultHeaders}</p>}
      <div>
        <button type="button" className="button small" onClick={() => onChange([...rows, newHeaderRow()])}>
          Add header
        </button>
      </div>
    </fieldset>
  );
}
