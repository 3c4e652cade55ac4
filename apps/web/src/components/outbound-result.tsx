'use client';
import type { OutboundResult } from '@conflux/contracts';

const REASONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function statusTone(status: number | undefined): 'ok' | 'warn' | 'error' {
  if (status === undefined || status >= 400) return 'error';
  return status >= 300 ? 'warn' : 'ok';
}

export function formatDuration(ms: number): string {
  return ms < 1_000 ? `${Math.round(ms)} ms` : `${(ms / 1_000).toFixed(2)} s`;
}

/** A response body as the upstream sent it: JSON pretty-printed, text as is. */
export function formatBody(body: unknown): string {
  if (body === undefined || body === null || body === '') return '';
  if (typeof body === 'string') return body;
  return JSON.stringify(body, null, 2);
}

function HeadersTable({ headers, label }: { headers: Record<string, string>; label: string }) {
  const entries = Object.entries(headers);
  if (entries.length === 0) return <p className="muted">None.</p>;
  return (
    <table className="table compact" aria-label={label}>
      <tbody>
        {entries.map(([name, value]) => (
          <tr key={name}>
            <th scope="row">
              <code>{name}</code>
            </th>
            <td>
              <code className="wrap">{value}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * What an outbound request ("Test connection", "Try it") gave: status, time, attempts, error,
 * the request as sent (credentials masked by the server) and the response.
 */
export function OutboundResultView({ result, label, bodyOpen = true }: { result: OutboundResult; label: string; bodyOpen?: boolean }) {
  const tone = statusTone(result.status);
  const body = formatBody(result.body);
  return (
    <section className="outbound-result" aria-label={label}>
      <div className="result-summary">
        {result.status !== undefined ? (
          <span className={`pill status ${tone}`} aria-label={`Status ${result.status}`}>
            {result.status} {REASONS[result.status] ?? ''}
          </span>
        ) : (
          <span className="pill status error">No response</span>
        )}
        <span>
          <span className="muted">Time</span> {formatDuration(result.durationMs)}
        </span>
        <span>
          <span className="muted">Attempts</span> {result.attempts}
        </span>
      </div>
      {result.error && (
        <div className="callout error" role="alert">
          {result.error}
        </div>
      )}
      <div className="request-line">
        <span className="method">{result.request.method}</span> <code className="wrap">{result.request.url || '(not sent)'}</code>
      </div>
      <details>
        <summary>Request headers ({Object.keys(result.request.headers).length})</summary>
        <HeadersTable headers={result.request.headers} label="Request headers" />
      </details>
      {result.headers && (
        <details>
          <summary>Response headers ({Object.keys(result.headers).length})</summary>
          <HeadersTable headers={result.headers} label="Response headers" />
        </details>
      )}
      {result.status !== undefined && (
        <details open={bodyOpen}>
          <summary>Response body</summary>
          {result.truncated && (
            <p className="callout warn" role="note">
              The response was larger than the connector&apos;s maximum response size; only its beginning is shown.
            </p>
          )}
          {body ? (
            <pre className="code-block" aria-label="Response body">
              {body}
            </pre>
          ) : (
            <p className="muted">Empty body.</p>
          )}
        </details>
      )}
    </section>
  );
}
