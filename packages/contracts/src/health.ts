import { z } from 'zod';

export const HealthResponse = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  database: z.object({
    reachable: z.boolean(),
    /** Which database: the embedded default or DATABASE_URL. */
    embedded: z.boolean(),
  }),
  migrations: z.object({
    current: z.boolean(),
    applied: z.number().int(),
    pending: z.array(z.string()),
  }),
});
export type HealthResponse = z.infer<typeof HealthResponse>;
