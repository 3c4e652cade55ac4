/**
 * What the client reports while it works, for logs and metrics. Every URL and message in an
 * event is already redacted.
 */
export type HttpClientEvent =
  | {
      type: 'response';
      connectorId: string;
      method: string;
      url: string;
      attempt: number;
      status: number;
      durationMs: number;
    }
  | {
      type: 'request_failed';
      connectorId: string;
      method: string;
      url: string;
      attempt: number;
      code: string;
      message: string;
      durationMs: number;
    }
  | {
      type: 'retry_scheduled';
      connectorId: string;
      method: string;
      url: string;
      attempt: number;
      delayMs: number;
      reason: string;
    }
  | { type: 'redirect'; connectorId: string; status: number; from: string; to: string; crossOrigin: boolean }
  | { type: 'rate_limit_wait'; connectorId: string; waitMs: number }
  | { type: 'token_fetched'; connectorId: string; reason: TokenFetchReason; expiresAt: Date }
  | { type: 'token_store_error'; connectorId: string; operation: 'get' | 'save'; message: string };

export type TokenFetchReason = 'missing' | 'expiring' | 'rejected' | 'credentials_changed';

export type HttpClientEventListener = (event: HttpClientEvent) => void;
