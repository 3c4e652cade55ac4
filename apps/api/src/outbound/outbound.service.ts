import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Connector as ConnectorRow } from '@conflux/db';
import type { HttpMethod, OutboundResult } from '@conflux/contracts';
import { HttpClientError, type HttpClient } from '@conflux/engine';
import { ConnectorMapper, MissingSecretError } from '../connectors/connector-mapper';

export const HTTP_CLIENT = Symbol('HttpClient');

export interface OutboundRequest {
  method: HttpMethod;
  path: string;
  query?: Record<string, string | string[]>;
  headers?: Record<string, string>;
  body?: unknown;
}

/**
 * Sends admin-initiated requests ("Test connection", "Try it") through the shared HTTP
 * client and turns the outcome, failures included, into what the screen shows. The client
 * masks secrets in everything it returns or throws.
 */
@Injectable()
export class OutboundService implements OnApplicationShutdown {
  constructor(
    @Inject(HTTP_CLIENT) private readonly client: HttpClient,
    private readonly mapper: ConnectorMapper,
  ) {}

  async send(row: ConnectorRow, request: OutboundRequest): Promise<OutboundResult> {
    const connector = this.mapper.toRuntime(row);
    const started = performance.now();
    try {
      const response = await this.client.request(connector, request);
      return {
        ok: response.status < 400,
        request: response.request,
        status: response.status,
        headers: response.headers,
        body: response.body,
        truncated: response.truncated,
        attempts: response.attempts,
        durationMs: response.durationMs,
      };
    } catch (error) {
      if (error instanceof MissingSecretError) throw error;
      if (!(error instanceof HttpClientError)) throw error;
      return {
        ok: false,
        request: error.request ?? { method: request.method, url: '', headers: {} },
        attempts: error.attempts ?? 1,
        durationMs: Math.round(performance.now() - started),
        error: error.message,
      };
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
