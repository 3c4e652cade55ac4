import type { PrismaClient } from '@conflux/db';
import {
  EgressPolicy,
  HttpClient,
  PostgresRateLimitStore,
  PostgresTokenStore,
  PrismaRecordWriter,
  StepError,
  type EngineServices,
  type SecretBox,
} from '@conflux/engine';
import type { Settings } from '../config/settings';
import { ConnectorMapper, MissingSecretError } from '../connectors/connector-mapper';

/** What the engine's steps need, built from the database and the secret key (one per worker). */
export function createEngineServices(prisma: PrismaClient, box: SecretBox, settings: Settings): EngineServices {
  const mapper = new ConnectorMapper(box);
  return {
    http: new HttpClient({
      egressPolicy: new EgressPolicy({ blockPrivate: settings.egress.blockPrivate }),
      rateLimitStore: new PostgresRateLimitStore(prisma),
      tokenStore: new PostgresTokenStore(prisma, box),
    }),
    catalog: {
      connector: async (id) => {
        const row = await prisma.connector.findUnique({ where: { id } });
        if (!row) throw new StepError('The connector of this step no longer exists.');
        try {
          return mapper.toRuntime(row);
        } catch (error) {
          if (error instanceof MissingSecretError) throw new StepError(`Connector "${row.name}": ${error.message}`);
          throw error;
        }
      },
      endpoint: async (id) => {
        const row = await prisma.endpoint.findUnique({ where: { id } });
        if (!row) throw new StepError('The query path of this step no longer exists.');
        return { path: row.path, methods: row.methods };
      },
    },
    records: new PrismaRecordWriter(prisma),
    traceBodyLimit: settings.runs.traceBodyLimit,
  };
}
