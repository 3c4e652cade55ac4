/** A JSON value, pretty-printed; strings (e.g. a text body) as they are. */
export function JsonBlock({ value, label, empty = 'Nothing.' }: { value: unknown; label: string; empty?: string }) {
  if (value === undefined || value === null) return <p className="muted">{empty}</p>;
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  return (
    <pre className="code-block" aria-label={label}>
      {text}
    </pre>
  );
}

/** A collapsible section with a JSON value, e.g. a run's input or a step's model. */
export function JsonDetails({ title, value, open = false, empty }: { title: string; value: unknown; open?: boolean; empty?: string }) {
  return (
    <details className="json-details" open={open}>
      <summary>{title}</summary>
      <JsonBlock value={value} label={title} empty={empty} />
    </details>
  );
}
