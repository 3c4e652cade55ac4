import { TextDecoder } from 'node:util';
import type { JsonValue } from '../model';

export type BodyFormat = 'json' | 'text' | 'base64' | 'empty';

export interface CappedBody {
  bytes: Buffer;
  truncated: boolean;
}

/**
 * Reads a response body up to `maxBytes` and stops there: the rest is never pulled off the
 * socket (the stream is destroyed, which closes the connection), so a huge or endless body
 * costs at most `maxBytes` of memory.
 */
export async function readCappedBody(stream: AsyncIterable<Uint8Array> & { destroy(error?: Error): void }, maxBytes: number): Promise<CappedBody> {
  const chunks: Buffer[] = [];
  let length = 0;
  let truncated = false;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    if (length + buffer.length > maxBytes) {
      chunks.push(buffer.subarray(0, maxBytes - length));
      length = maxBytes;
      truncated = true;
      break;
    }
    chunks.push(buffer);
    length += buffer.length;
  }
  if (truncated) stream.destroy();
  return { bytes: Buffer.concat(chunks, length), truncated };
}

export interface DecodedBody {
  body: JsonValue;
  format: BodyFormat;
}

/**
 * Turns body bytes into what a dataflow step can use: parsed JSON for JSON content types
 * (unless truncated: a prefix of JSON is not JSON, so it stays text), text for textual types
 * in their declared charset, and base64 for anything binary. Without a content type, bytes
 * that are valid UTF-8 count as text.
 */
export function decodeBody(bytes: Buffer, truncated: boolean, contentType: string | null, contentEncoding: string | null): DecodedBody {
  if (bytes.length === 0) return { body: null, format: 'empty' };
  const { essence, charset } = parseContentType(contentType);
  // A compressed body is binary whatever its type says; we never ask for compression.
  const encoded = contentEncoding !== null && contentEncoding.trim().toLowerCase() !== 'identity';
  if (encoded) return { body: bytes.toString('base64'), format: 'base64' };

  if (isJsonType(essence)) {
    const text = decodeText(bytes, charset, truncated);
    if (!truncated) {
      try {
        return { body: JSON.parse(text) as JsonValue, format: 'json' };
      } catch {
        // Mislabelled or malformed JSON is still worth showing.
      }
    }
    return { body: text, format: 'text' };
  }
  if (isTextType(essence)) return { body: decodeText(bytes, charset, truncated), format: 'text' };
  if (essence === null) {
    const text = strictUtf8(bytes, truncated);
    if (text !== null && !text.includes('\u0000')) return { body: text, format: 'text' };
  }
  return { body: bytes.toString('base64'), format: 'base64' };
}

export function parseContentType(contentType: string | null): { essence: string | null; charset: string | null } {
  if (!contentType) return { essence: null, charset: null };
  const [type, ...parameters] = contentType.split(';');
  const essence = type!.trim().toLowerCase() || null;
  let charset: string | null = null;
  for (const parameter of parameters) {
    const [name, value] = parameter.split('=');
    if (name?.trim().toLowerCase() === 'charset' && value) charset = value.trim().replace(/^"|"$/g, '').toLowerCase();
  }
  return { essence, charset };
}

function isJsonType(essence: string | null): boolean {
  return essence !== null && (essence === 'application/json' || essence === 'text/json' || essence.endsWith('+json'));
}

const TEXT_TYPES = new Set([
  'application/xml',
  'application/javascript',
  'application/ecmascript',
  'application/x-www-form-urlencoded',
  'application/yaml',
  'application/x-yaml',
  'application/graphql',
  'application/csv',
  'application/x-ndjson',
  'application/jsonl',
  'application/sql',
]);

function isTextType(essence: string | null): boolean {
  return essence !== null && (essence.startsWith('text/') || essence.endsWith('+xml') || TEXT_TYPES.has(essence));
}

function decodeText(bytes: Buffer, charset: string | null, truncated: boolean): string {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset ?? 'utf-8');
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  // Streaming mode holds back a multi-byte character cut in half by truncation instead of
  // emitting a replacement character for it.
  return decoder.decode(bytes, { stream: truncated });
}

function strictUtf8(bytes: Buffer, truncated: boolean): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: truncated });
  } catch {
    return null;
  }
}
