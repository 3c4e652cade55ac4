import { z } from 'zod';

export const ApiTokenSummary = z.object({
  id: z.string().uuid(),
  name: z.string(),
  /** The token's first characters, to tell tokens apart; never enough to use it. */
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiTokenSummary = z.infer<typeof ApiTokenSummary>;

export const ApiTokenList = z.object({ items: z.array(ApiTokenSummary) });
export type ApiTokenList = z.infer<typeof ApiTokenList>;

export const CreateApiTokenRequest = z.object({ name: z.string().trim().min(1, 'Name the token').max(100) });
export type CreateApiTokenRequest = z.infer<typeof CreateApiTokenRequest>;

/** The token itself appears in this answer only; the server keeps a hash. */
export const CreatedApiToken = z.object({ token: z.string(), apiToken: ApiTokenSummary });
export type CreatedApiToken = z.infer<typeof CreatedApiToken>;
