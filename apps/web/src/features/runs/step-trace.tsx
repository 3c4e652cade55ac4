'use client';
import { formatDuration, statusTone } from '@/components/outbound-result';
import { JsonBlock } from './json-block';

/** A request as the HTTP client recorded it (credentials already masked by the server). */
interface TracedRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  bodyPreviewTruncated?: boolean;
}

interface TracedResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  truncated?: boolean;
  durationMs?: number;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isRequest = (value: unknown): value is TracedRequest => isRecord(value) && typeof value.method === 'string' && typeof value.url === 'string';
const isResponse = (value: unknown): value is TracedResponse => isRecord(value) && typeof value.status === 'number';

function HeadersTable({ headers, label }: { headers: Record<string, string> | undefined; label: string }) {
  const entries = Object.entries(headers ?? {});
  if (entries.length === 0) return <p className="muted">No headers.</p>;
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

function RequestView({ request, label }: { request: TracedRequest; label: string }) {
  return (
    <div className="trace" aria-label={label} role="group">
      <div className="request-line">
        <span className="method">{request.method}</span> <code className="wrap">{request.url}</code>
      </div>
      <h4>Headers</h4>
      <HeadersTable headers={request.headers} label={`${label} headers`} />
      {request.body !== undefined && request.body !== '' && (
        <>
          <h4>Body{request.bodyPreviewTruncated ? ' (beginning only)' : ''}</h4>
          <JsonBlock value={request.body} label={`${label} body`} />
        </>
      )}
    </div>
  );
}

function ResponseView({ response, label }: { response: TracedResponse; label: string }) {
  return (
    <div className="trace" aria-label={label} role="group">
      <div className="result-summary">
        <span className={`pill status ${statusTone(response.status)}`}>{response.status}</span>
        {response.durationMs !== undefined && (
          <span>
            <span className="muted">Time</span> {formatDuration(response.durationMs)}
          </span>
        )}
      </div>
      <h4>Headers</h4>
      <HeadersTable headers={response.headers} label={`${label} headers`} />
      <h4>Body</h4>
      {response.truncated && <p className="callout warn">The body was cut at the connector&apos;s maximum response size.</p>}
      <JsonBlock value={response.body} label={`${label} body`} empty="Empty body." />
    </div>
  );
}

/**
 * What a step sent or got back: an HTTP request or response (one per page when the step
 * paginated), or whatever else the step recorded (a record written, script logs, the output).
 */
export function StepTrace({ value, kind }: { value: unknown; kind: 'request' | 'response' }) {
  const pages = Array.isArray(value) && value.every(kind === 'request' ? isRequest : isResponse) ? value : [value];
  return (
    <div className="trace-pages">
      {pages.map((page, index) => {
        const label = pages.length > 1 ? `${kind === 'request' ? 'Request' : 'Response'} of page ${index + 1}` : kind === 'request' ? 'Request' : 'Response';
        if (kind === 'request' && isRequest(page)) return <RequestView key={index} request={page} label={label} />;
        if (kind === 'response' && isResponse(page)) return <ResponseView key={index} response={page} label={label} />;
        return <JsonBlock key={index} value={page} label={label} />;
      })}
    </div>
  );
}
