import type { LookupAddress } from 'node:dns';
import { EgressPolicy } from './egress-policy';
import { EgressDeniedError } from './errors';

describe('EgressPolicy', () => {
  const policy = new EgressPolicy();

  it.each([
    ['169.254.169.254', 'cloud-metadata'],
    ['169.254.170.2', 'cloud-metadata'],
    ['100.100.100.200', 'cloud-metadata'],
    ['fd00:ec2::254', 'cloud-metadata'],
    ['::ffff:169.254.169.254', 'cloud-metadata'],
    ['::ffff:a9fe:a9fe', 'cloud-metadata'],
    ['64:ff9b::a9fe:a9fe', 'cloud-metadata'],
    ['2002:a9fe:a9fe::1', 'cloud-metadata'],
    ['169.254.1.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['224.0.0.251', 'multicast'],
    ['ff02::1', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['::ffff:10.0.0.1', 'private'],
    ['100.64.0.1', 'carrier-grade-nat'],
    ['172.32.0.1', 'public'],
    ['93.184.216.34', 'public'],
    ['2606:4700::1111', 'public'],
  ])('classifies %s as %s', (address, category) => {
    expect(policy.evaluate(address).category).toBe(category);
  });

  it('always refuses metadata, link-local, multicast, unspecified, broadcast and reserved addresses', () => {
    const permissive = new EgressPolicy({ blockPrivate: false, allowLoopback: true });
    for (const address of ['169.254.169.254', 'fe80::1', '224.0.0.1', '0.0.0.0', '::', '255.255.255.255', '240.0.0.1']) {
      expect(permissive.evaluate(address).allowed).toBe(false);
    }
  });

  it('refuses private ranges only when blockPrivate is set, loopback only when allowLoopback is false', () => {
    const open = new EgressPolicy();
    const strict = new EgressPolicy({ blockPrivate: true, allowLoopback: false });
    for (const address of ['10.0.0.1', '192.168.0.1', 'fd00::1', '100.64.0.1']) {
      expect(open.evaluate(address).allowed).toBe(true);
      expect(strict.evaluate(address).allowed).toBe(false);
    }
    expect(open.evaluate('127.0.0.1').allowed).toBe(true);
    expect(strict.evaluate('127.0.0.1').allowed).toBe(false);
    expect(strict.evaluate('8.8.8.8').allowed).toBe(true);
  });

  it('names the address and its category when refusing', () => {
    expect(() => policy.assertHostAllowed('169.254.169.254')).toThrow('refused: 169.254.169.254 is a cloud metadata address');
    expect(() => policy.assertHostAllowed('[::ffff:a9fe:a9fe]')).toThrow('refused: ::ffff:a9fe:a9fe (169.254.169.254) is a cloud metadata address');
    expect(() => policy.assertHostAllowed('[64:ff9b::a9fe:a9fe]')).toThrow('refused: 64:ff9b::a9fe:a9fe (169.254.169.254) is a cloud metadata address');
    expect(() => policy.assertHostAllowed('metadata.google.internal.')).toThrow('refused: metadata.google.internal is a cloud metadata address');
    expect(() => new EgressPolicy({ allowLoopback: false }).assertHostAllowed('127.0.0.1')).toThrow(
      'refused: 127.0.0.1 is a loopback address; the egress policy does not allow loopback addresses',
    );
    expect(() => policy.assertHostAllowed('api.example.com')).not.toThrow();
  });

  it('refuses a name when any address it resolves to is refused', async () => {
    const resolving = new EgressPolicy({
      resolve: async () => [
        { address: '93.184.216.34', family: 4 },
        { address: '169.254.169.254', family: 4 },
      ],
    });
    await expect(resolving.resolveAllowed('mixed.test')).rejects.toThrow('refused: mixed.test resolves to 169.254.169.254, which is a cloud metadata address');
  });

  it('provides a socket lookup that yields only allowed addresses, in both callback shapes', async () => {
    const resolving = new EgressPolicy({
      resolve: async (hostname) => (hostname === 'good.test' ? [{ address: '127.0.0.1', family: 4 }, { address: '::1', family: 6 }] : [{ address: 'fe80::1', family: 6 }]),
    });
    const lookup = (hostname: string, all: boolean) =>
      new Promise<{ error: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family?: number }>((resolve) =>
        resolving.lookup(hostname, { all }, (error, address, family) => resolve({ error, address, family })),
      );
    expect(await lookup('good.test', true)).toEqual({ error: null, address: [{ address: '127.0.0.1', family: 4 }, { address: '::1', family: 6 }], family: undefined });
    expect(await lookup('good.test', false)).toEqual({ error: null, address: '127.0.0.1', family: 4 });
    const refused = await lookup('bad.test', true);
    expect(refused.error).toBeInstanceOf(EgressDeniedError);
    expect(refused.error).toMatchObject({ category: 'link-local', address: 'fe80::1', hostname: 'bad.test' });
  });

  it('reports an unknown host like the system resolver does', async () => {
    const empty = new EgressPolicy({ resolve: async () => [] });
    await expect(empty.resolveAllowed('nowhere.test')).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });
});
