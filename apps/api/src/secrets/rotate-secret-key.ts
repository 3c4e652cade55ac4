import type { PrismaClient } from '@conflux/db';
import { reencrypt, type SecretBox } from '@conflux/engine';

export interface RotationReport {
  connectors: number;
  secrets: number;
}

/**
 * Re-encrypts every stored secret from `oldBox` to `newBox` in one transaction: either all
 * secrets move to the new key or none do. Cached OAuth2 tokens are dropped rather than
 * re-encrypted (they are fetched again on the next call).
 */
export async function rotateSecretKey(prisma: PrismaClient, oldBox: SecretBox, newBox: SecretBox): Promise<RotationReport> {
  return prisma.$transaction(
    async (tx) => {
      const connectors = await tx.connector.findMany({ select: { id: true, secretsEncrypted: true } });
      let secrets = 0;
      for (const connector of connectors) {
        const sealed = connector.secretsEncrypted as Record<string, string>;
        const resealed = Object.fromEntries(
          Object.entries(sealed).map(([name, envelope]) => {
            secrets += 1;
            return [name, reencrypt(envelope, oldBox, newBox)];
          }),
        );
        await tx.connector.update({ where: { id: connector.id }, data: { secretsEncrypted: resealed } });
      }
      await tx.connectorToken.deleteMany({});
      return { connectors: connectors.length, secrets };
    },
    { timeout: 120_000 },
  );
}
