import type { ViewBlock, ViewDescription } from '@conflux/contracts';

type Scalar = string | number | boolean | null;

/** A value of a view as a person reads it: yes/no for booleans, a dash for nothing. */
export function formatScalar(value: Scalar): string {
  if (value === null || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return String(value);
}

const toneLabels = { info: 'Note', success: 'Done', warning: 'Warning', error: 'Problem' } as const;

function Block({ block, index }: { block: ViewBlock; index: number }) {
  switch (block.type) {
    case 'keyValue':
      return (
        <dl className="facts view-pairs">
          {block.pairs.map((pair, pairIndex) => (
            <div key={`${pairIndex}-${pair.label}`} className="view-pair">
              <dt>{pair.label}</dt>
              <dd>{formatScalar(pair.value)}</dd>
            </div>
          ))}
        </dl>
      );
    case 'table':
      return (
        <div className="view-table">
          <table className="table compact" aria-label={`Table ${index + 1}`}>
            <thead>
              <tr>
                {block.columns.map((column, columnIndex) => (
                  <th key={`${columnIndex}-${column}`} scope="col">
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.length === 0 ? (
                <tr>
                  <td colSpan={Math.max(1, block.columns.length)} className="muted">
                    No rows.
                  </td>
                </tr>
              ) : (
                block.rows.map((row, rowIndex) => (
                  <tr key={rowIndex}>
                    {row.map((cell, cellIndex) => (
                      <td key={cellIndex}>{formatScalar(cell)}</td>
                    ))}
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      );
    case 'list':
      return block.items.length === 0 ? (
        <p className="muted">Nothing to list.</p>
      ) : (
        <ul className="view-list">
          {block.items.map((item, itemIndex) => (
            <li key={itemIndex}>{formatScalar(item)}</li>
          ))}
        </ul>
      );
    case 'message':
      return (
        <div className={`view-message ${block.tone}`} role={block.tone === 'error' ? 'alert' : 'note'}>
          <span className="visually-hidden">{toneLabels[block.tone]}: </span>
          {block.text}
        </div>
      );
  }
}

/**
 * A view description (what a component's display function returns) as the end user sees it.
 * The admin's display preview uses the same renderer, so what the admin sees is what users get.
 */
export function ViewRenderer({ view, label = 'Result' }: { view: ViewDescription; label?: string }) {
  return (
    <section className="view" aria-label={label}>
      {view.title && <h2 className="view-title">{view.title}</h2>}
      {view.blocks.length === 0 && !view.title && <p className="muted">The result has nothing to show.</p>}
      {view.blocks.map((block, index) => (
        <Block key={index} block={block} index={index} />
      ))}
    </section>
  );
}
