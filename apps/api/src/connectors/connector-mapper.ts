import { BadRequestException, Injectable } from '@nestjs/common';
import type { Connector as ConnectorRow, Prisma } from '@conflux/db';
import {
  RetryPolicy,
  type Connector,
  type ConnectorAuth,
  type CreateConnectorRequest,
  type UpdateConnectorRequest,
} from '@conflux/contracts';
import type { ConnectorHeader, ConnectorRuntimeConfig } from '@conflux/engine';
import { InjectSecretBox, type SecretBox } from '../secrets/secrets.module';

/**
 * Where each kind of connector setting lives:
 * - `authType` + `authConfig`: the non-secret part of the authentication;
 * - `secretsEncrypted`: { "auth": envelope, "header:<name>": envelope } sealed by the SecretBox;
 * - `defaultHeaders`: [{ name, secret, value? }], value only for non-secret headers.
 * Responses say whether each secret is set; runtime configs (server memory only) hold them in clear.
 */
type StoredHeader = { name: string; secret: boolean; value?: string };
type Secrets = Record<string, string>;
const AUTH_SECRET = 'auth';
const headerSecret = (name: string) => `header:${name.toLowerCase()}`;

/** The auth field that holds the secret, per auth type. */
const SECRET_FIELD = { api_key: 'value', bearer: 'token', basic: 'password', oauth2_client_credentials: 'clientSecret' } as const;

type ConnectorWithCount = ConnectorRow & { _count?: { endpoints: number } };

export class MissingSecretError extends BadRequestException {
  constructor(what: string) {
    super(`${what} is not set on this connector: set it in the connector's authentication settings.`);
  }
}

@Injectable()
export class ConnectorMapper {
  constructor(@InjectSecretBox() private readonly box: SecretBox) {}

  toContract(row: ConnectorWithCount): Connector {
    const secrets = row.secretsEncrypted as Secrets;
    const config = row.authConfig as Record<string, unknown>;
    const set = { set: AUTH_SECRET in secrets };
    const auth: ConnectorAuth = (() => {
      switch (row.authType) {
        case 'none':
          return { type: 'none' };
        case 'api_key':
          return { type: 'api_key', in: config.in as 'header' | 'query', name: String(config.name), value: set };
        case 'bearer':
          return { type: 'bearer', token: set };
        case 'basic':
          return { type: 'basic', username: String(config.username), password: set };
        case 'oauth2_client_credentials':
          return {
            type: 'oauth2_client_credentials',
            tokenUrl: String(config.tokenUrl),
            clientId: String(config.clientId),
            clientSecret: set,
            scopes: (config.scopes as string[]) ?? [],
            ...(config.audience ? { audience: String(config.audience) } : {}),
          };
      }
    })();
    return {
      id: row.id,
      systemId: row.systemId,
      key: row.key,
      name: row.name,
      baseUrl: row.baseUrl,
      auth,
      defaultHeaders: (row.defaultHeaders as StoredHeader[]).map((header) => ({
        name: header.name,
        secret: header.secret,
        ...(header.secret ? {} : { value: header.value }),
        set: header.secret ? headerSecret(header.name) in secrets : header.value !== undefined,
      })),
      connectTimeoutMs: row.connectTimeoutMs,
      totalTimeoutMs: row.totalTimeoutMs,
      retryPolicy: RetryPolicy.parse(row.retryPolicy ?? {}),
      rateLimit: (row.rateLimit as Connector['rateLimit']) ?? null,
      maxResponseBytes: row.maxResponseBytes,
      testPath: row.testPath,
      endpointCount: row._count?.endpoints ?? 0,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  }

  /**
   * The columns for a create or an update. For secrets, a string sets, null clears and
   * absence keeps (an update that changes the auth type drops the old type's secret).
   */
  toColumns(input: CreateConnectorRequest | UpdateConnectorRequest, existing?: ConnectorRow): Prisma.ConnectorUncheckedUpdateInput {
    const secrets: Secrets = { ...((existing?.secretsEncrypted as Secrets | undefined) ?? {}) };
    const data: Prisma.ConnectorUncheckedUpdateInput = {};
    for (const field of ['key', 'name', 'baseUrl', 'connectTimeoutMs', 'totalTimeoutMs', 'maxResponseBytes', 'testPath'] as const) {
      if (input[field] !== undefined) data[field] = input[field] as never;
    }
    if (input.retryPolicy !== undefined) data.retryPolicy = input.retryPolicy as Prisma.InputJsonValue;
    if (input.rateLimit !== undefined) data.rateLimit = input.rateLimit === null ? (null as never) : input.rateLimit;

    if (input.auth) {
      const { type } = input.auth;
      if (existing && existing.authType !== type) delete secrets[AUTH_SECRET];
      // Split the auth input into its secret (sealed) and everything else (stored as is).
      const { type: _type, ...config } = input.auth as Record<string, unknown>;
      if (type !== 'none') {
        const secretField = SECRET_FIELD[type];
        this.applySecret(secrets, AUTH_SECRET, config[secretField] as string | null | undefined);
        delete config[secretField];
      }
      data.authType = type;
      data.authConfig = config as Prisma.InputJsonValue;
    }

    if (input.defaultHeaders) {
      const previous = (existing?.defaultHeaders as StoredHeader[] | undefined) ?? [];
      const kept = new Set<string>();
      data.defaultHeaders = input.defaultHeaders.map((header) => {
        const secret = header.secret ?? false;
        if (!secret) return { name: header.name, secret, value: header.value ?? '' };
        const name = headerSecret(header.name);
        kept.add(name);
        const wasSecret = previous.some((old) => old.secret && old.name.toLowerCase() === header.name.toLowerCase());
        this.applySecret(secrets, name, header.value ?? (wasSecret ? undefined : null));
        return { name: header.name, secret };
      });
      for (const name of Object.keys(secrets)) if (name.startsWith('header:') && !kept.has(name)) delete secrets[name];
    }
    data.secretsEncrypted = secrets;
    return data;
  }

  /** The connector as the outbound HTTP client needs it, secrets decrypted (server memory only). */
  toRuntime(row: ConnectorRow): ConnectorRuntimeConfig {
    const secrets = row.secretsEncrypted as Secrets;
    const config = row.authConfig as Record<string, unknown>;
    const secret = (what: string) => {
      const envelope = secrets[AUTH_SECRET];
      if (!envelope) throw new MissingSecretError(what);
      return this.box.decrypt(envelope);
    };
    const auth: ConnectorRuntimeConfig['auth'] = (() => {
      switch (row.authType) {
        case 'none':
          return { type: 'none' as const };
        case 'api_key':
          return { type: 'api_key' as const, in: config.in as 'header' | 'query', name: String(config.name), value: secret('The API key') };
        case 'bearer':
          return { type: 'bearer' as const, token: secret('The bearer token') };
        case 'basic':
          return { type: 'basic' as const, username: String(config.username), password: secret('The password') };
        case 'oauth2_client_credentials':
          return {
            type: 'oauth2_client_credentials' as const,
            tokenUrl: String(config.tokenUrl),
            clientId: String(config.clientId),
            clientSecret: secret('The client secret'),
            scopes: (config.scopes as string[]) ?? [],
            audience: config.audience ? String(config.audience) : undefined,
          };
      }
    })();
    return {
      id: row.id,
      baseUrl: row.baseUrl,
      auth,
      defaultHeaders: (row.defaultHeaders as StoredHeader[]).flatMap((header): ConnectorHeader[] => {
        if (!header.secret) return [{ name: header.name, value: header.value ?? '', secret: false }];
        const envelope = secrets[headerSecret(header.name)];
        return envelope ? [{ name: header.name, value: this.box.decrypt(envelope), secret: true }] : [];
      }),
      connectTimeoutMs: row.connectTimeoutMs,
      totalTimeoutMs: row.totalTimeoutMs,
      retryPolicy: RetryPolicy.parse(row.retryPolicy ?? {}),
      rateLimit: (row.rateLimit as ConnectorRuntimeConfig['rateLimit']) ?? null,
      maxResponseBytes: row.maxResponseBytes,
    };
  }

  private applySecret(secrets: Secrets, name: string, value: string | null | undefined) {
    if (value === undefined) return;
    if (value === null) delete secrets[name];
    else secrets[name] = this.box.encrypt(value);
  }
}
