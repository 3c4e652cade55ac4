'use client';
import type { ReactNode } from 'react';
import { CopyButton } from './copy-button';

/** A secret the server returns once (a generated password, an API token), with a copy button. */
export function OneTimeSecret({
  title,
  value,
  children,
  onDismiss,
}: {
  title: string;
  value: string;
  /** What to do with the secret. */
  children?: ReactNode;
  onDismiss: () => void;
}) {
  return (
    <section className="secret" role="region" aria-label={title}>
      <h2>{title}</h2>
      <div className="secret-value">
        <code>{value}</code>
        <CopyButton value={value} />
      </div>
      <p>
        <strong>It won&apos;t be shown again.</strong> {children}
      </p>
      <button type="button" className="button small" onClick={onDismiss}>
        I have copied it
      </button>
    </section>
  );
}
