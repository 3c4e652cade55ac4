import { createPrismaClient } from '@conflux/db';
import { truncateAll } from '@conflux/db/testing';
import { createSecretBox, generateSecretKey } from '@conflux/engine';
import { rotateSecretKey } from './rotate-secret-key';

describe('secret key rotation', () => {
  const prisma = createPrismaClient(process.env.DATABASE_URL!, { poolSize: 2 });
  beforeEach(() => truncateAll(prisma));
  afterAll(() => prisma.$disconnect());

  it('re-encrypts every stored secret under the new key and drops cached tokens', async () => {
    const oldBox = createSecretBox(generateSecretKey());
    const newBox = createSecretBox(generateSecretKey());
    const system = await prisma.system.create({ data: { key: 's', name: 'S' } });
    const connector = await prisma.connector.create({
      data: {
        systemId: system.id,
        key: 'c',
        name: 'C',
        baseUrl: 'http://127.0.0.1:9',
        secretsEncrypted: { auth: oldBox.encrypt('client-secret'), 'header:x-sig': oldBox.encrypt('sig') },
      },
    });
    await prisma.connectorToken.create({ data: { connectorId: connector.id, accessTokenEncrypted: oldBox.encrypt('t'), expiresAt: new Date(Date.now() + 60_000) } });

    expect(await rotateSecretKey(prisma, oldBox, newBox)).toEqual({ connectors: 1, secrets: 2 });
    const stored = (await prisma.connector.findUniqueOrThrow({ where: { id: connector.id } })).secretsEncrypted as Record<string, string>;
    expect(newBox.decrypt(stored.auth!)).toBe('client-secret');
    expect(newBox.decrypt(stored['header:x-sig']!)).toBe('sig');
    expect(() => oldBox.decrypt(stored.auth!)).toThrow();
    expect(await prisma.connectorToken.count()).toBe(0);
  });

  it('changes nothing when a secret cannot be decrypted with the old key', async () => {
    const oldBox = createSecretBox(generateSecretKey());
    const stranger = createSecretBox(generateSecretKey());
    const system = await prisma.system.create({ data: { key: 's', name: 'S' } });
    const good = oldBox.encrypt('fine');
    await prisma.connector.create({ data: { systemId: system.id, key: 'a', name: 'A', baseUrl: 'http://x.test', secretsEncrypted: { auth: good } } });
    await prisma.connector.create({ data: { systemId: system.id, key: 'b', name: 'B', baseUrl: 'http://x.test', secretsEncrypted: { auth: stranger.encrypt('?') } } });
    await expect(rotateSecretKey(prisma, oldBox, createSecretBox(generateSecretKey()))).rejects.toThrow();
    const a = await prisma.connector.findFirstOrThrow({ where: { key: 'a' } });
    expect((a.secretsEncrypted as Record<string, string>).auth).toBe(good);
  });
});
