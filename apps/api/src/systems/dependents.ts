import type { PrismaClient } from '@conflux/db';
import type { Dependent } from '@conflux/contracts';

/**
 * Dataflows whose steps (in any version: published versions stay runnable) reference a
 * system, connector or endpoint. Steps are JSON (see ARCHITECTURE.md), so this is a
 * jsonpath query over every version's step list.
 */
export async function dataflowsUsing(
  prisma: PrismaClient,
  field: 'systemId' | 'connectorId' | 'endpointId',
  ids: string[],
): Promise<Dependent[]> {
  if (ids.length === 0) return [];
  const rows = await prisma.$queryRaw<Array<{ key: string; name: string }>>`
    select distinct d.key, d.name
    from "Dataflow" d join "DataflowVersion" v on v."dataflowId" = d.id
    where exists (
      select 1 from jsonb_array_elements(v.steps) step
      where step -> 'config' ->> ${field} = any(${ids}::text[])
    )
    order by d.key`;
  return rows.map((row) => ({ type: 'dataflow' as const, key: row.key, name: row.name }));
}
