import type { PrismaClient } from '@conflux/db';
import type { DataflowReferences } from '@conflux/engine';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The catalog and components as dataflow validation sees them. */
export function dataflowReferences(prisma: PrismaClient): DataflowReferences {
  return {
    endpoint: async (id) => {
      if (!UUID.test(id)) return null;
      const endpoint = await prisma.endpoint.findUnique({ where: { id } });
      return endpoint
        ? {
            connectorId: endpoint.connectorId,
            methods: endpoint.methods,
            path: endpoint.path,
            parameters: endpoint.parameters as Array<{ name: string; in: string; required: boolean }>,
          }
        : null;
    },
    connector: async (id) => (UUID.test(id) ? prisma.connector.findUnique({ where: { id }, select: { systemId: true } }) : null),
    systemExists: async (id) => UUID.test(id) && (await prisma.system.count({ where: { id } })) > 0,
    componentExists: async (id) => UUID.test(id) && (await prisma.component.count({ where: { id } })) > 0,
  };
}
