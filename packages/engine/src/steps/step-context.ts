import type { Step } from '@conflux/contracts';
import type { ConnectorRuntimeConfig, HttpClient } from '../http';
import type { JsonValue, Model } from '../model';

/** The catalog as the Execute API call step needs it; secrets decrypted, in memory only. */
export interface CatalogSource {
  connector(connectorId: string): Promise<ConnectorRuntimeConfig>;
  endpoint(endpointId: string): Promise<{ path: string; methods: string[] }>;
}

/** Where the Update entry step writes; returns the record id. */
export interface RecordWriter {
  create(componentId: string, data: Record<string, JsonValue>): Promise<string>;
  update(componentId: string, recordId: string, data: Record<string, JsonValue>): Promise<string>;
  delete(componentId: string, recordId: string): Promise<string>;
}

export interface EngineServices {
  http: HttpClient;
  catalog: CatalogSource;
  records: RecordWriter;
  /** Request and response bodies in traces are cut at this many characters. */
  traceBodyLimit: number;
}

export interface StepContext<S extends Step = Step> {
  runId: string;
  step: S;
  /** A private copy of the source step's output (the run input for the first step). */
  model: Model;
  /** The run's input, for the Input step. */
  input: Model;
  signal: AbortSignal;
  services: EngineServices;
}

export interface StepOutcome {
  /** The model handed to the steps whose source this is; null stops the branch (Filter). */
  model: Model | null;
  /** Set by Write response: what the caller gets back. */
  output?: JsonValue;
  request?: JsonValue;
  response?: JsonValue;
  attempts?: number;
  logs?: string[];
}

/** A step failed for a reason the admin can act on; the message is shown as it is (never secret). */
export class StepError extends Error {
  constructor(
    message: string,
    readonly details: { request?: JsonValue; response?: JsonValue; attempts?: number; line?: number } = {},
  ) {
    super(message);
    this.name = 'StepError';
  }
}
