import { promises as dnsPromises, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { EgressDeniedError, type AddressCategory } from './errors';

/**
 * Which addresses outbound calls may reach (SSRF protection). The decision is made on the
 * address actually connected to: `lookup` is handed to the socket, so the address that was
 * checked is the address that is dialled, and DNS rebinding between a check and the connect
 * is impossible. IP-literal hosts skip the socket's lookup, so `assertHostAllowed` checks them
 * before every request and redirect hop.
 */
export interface EgressPolicyOptions {
  /** Refuse private networks (RFC 1918, unique-local IPv6, carrier-grade NAT). Default false. */
  blockPrivate?: boolean;
  /** Allow 127.0.0.0/8 and ::1. Default true. */
  allowLoopback?: boolean;
  /** Name resolution; defaults to the operating system's resolver (dns.lookup). */
  resolve?: HostResolver;
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export type HostResolver = (hostname: string, family: 0 | 4 | 6) => Promise<ResolvedAddress[]>;

export interface AddressVerdict {
  allowed: boolean;
  category: AddressCategory;
  /** The address in canonical form, IPv4-mapped IPv6 unwrapped to IPv4. */
  canonical: string;
  /** Set when the verdict comes from an IPv4 address embedded in an IPv6 one (NAT64, 6to4...). */
  embeddedIPv4?: string;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

const ALWAYS_REFUSED: ReadonlySet<AddressCategory> = new Set(['cloud-metadata', 'unspecified', 'broadcast', 'link-local', 'multicast', 'reserved']);

const DESCRIPTIONS: Record<AddressCategory, string> = {
  'cloud-metadata': 'a cloud metadata address',
  unspecified: 'an unspecified address',
  broadcast: 'a broadcast address',
  'link-local': 'a link-local address',
  multicast: 'a multicast address',
  reserved: 'a reserved address',
  loopback: 'a loopback address',
  private: 'a private network address',
  'carrier-grade-nat': 'a carrier-grade NAT (shared) address',
  public: 'a public address',
};

/** Ordered: the first matching range decides, so the specific metadata hosts precede their ranges. */
const RANGES: ReadonlyArray<readonly [ipaddr.IPv4 | ipaddr.IPv6, number, AddressCategory]> = (
  [
    // AWS, GCP, Azure, OpenStack, DigitalOcean...; AWS ECS task and EKS pod-identity agents;
    // Alibaba Cloud; Oracle Cloud; AWS and GCP over IPv6.
    ['169.254.169.254/32', 'cloud-metadata'],
    ['169.254.170.2/32', 'cloud-metadata'],
    ['169.254.170.23/32', 'cloud-metadata'],
    ['100.100.100.200/32', 'cloud-metadata'],
    ['192.0.0.192/32', 'cloud-metadata'],
    ['fd00:ec2::254/128', 'cloud-metadata'],
    ['fd00:ec2::23/128', 'cloud-metadata'],
    ['fd20:ce::254/128', 'cloud-metadata'],
    // 0.0.0.0 reaches the local host on Linux, so "this network" is never a valid target.
    ['0.0.0.0/8', 'unspecified'],
    ['::/128', 'unspecified'],
    ['255.255.255.255/32', 'broadcast'],
    ['169.254.0.0/16', 'link-local'],
    ['fe80::/10', 'link-local'],
    ['224.0.0.0/4', 'multicast'],
    ['ff00::/8', 'multicast'],
    ['240.0.0.0/4', 'reserved'],
    ['127.0.0.0/8', 'loopback'],
    ['::1/128', 'loopback'],
    ['10.0.0.0/8', 'private'],
    ['172.16.0.0/12', 'private'],
    ['192.168.0.0/16', 'private'],
    // IETF protocol assignments and the benchmarking range: not on the public internet.
    ['192.0.0.0/24', 'private'],
    ['198.18.0.0/15', 'private'],
    ['fc00::/7', 'private'],
    ['fec0::/10', 'private'],
    ['100.64.0.0/10', 'carrier-grade-nat'],
  ] as const
).map(([cidr, category]) => {
  const [network, prefix] = ipaddr.parseCIDR(cidr);
  return [network, prefix, category] as const;
});

/** Names that resolve to a metadata service inside the clouds, refused before any lookup. */
const METADATA_HOSTNAMES = new Set(['metadata.google.internal', 'metadata.goog', 'instance-data.ec2.internal']);

export class EgressPolicy {
  readonly blockPrivate: boolean;
  readonly allowLoopback: boolean;
  private readonly resolve: HostResolver;

  constructor(options: EgressPolicyOptions = {}) {
    this.blockPrivate = options.blockPrivate ?? false;
    this.allowLoopback = options.allowLoopback ?? true;
    this.resolve = options.resolve ?? resolveWithOperatingSystem;
  }

  /** The category of an IP address and whether this policy lets a connection reach it. */
  evaluate(address: string): AddressVerdict {
    const literal = stripBrackets(address);
    if (!isIP(literal)) throw new TypeError(`not an IP address: ${literal}`);
    const parsed = ipaddr.process(literal);
    let category = categorise(parsed);
    let embeddedIPv4: string | undefined;
    if (parsed.kind() === 'ipv6' && category === 'public') {
      const embedded = embeddedIPv4Of(parsed as ipaddr.IPv6);
      if (embedded) {
        const embeddedCategory = categorise(embedded);
        if (embeddedCategory !== 'public') {
          category = embeddedCategory;
          embeddedIPv4 = embedded.toString();
        }
      }
    }
    return { allowed: this.allows(category), category, canonical: parsed.toString(), embeddedIPv4 };
  }

  /** Throws EgressDeniedError unless the policy allows the address. */
  assertAddressAllowed(address: string, hostname?: string): void {
    const verdict = this.evaluate(address);
    if (!verdict.allowed) throw this.denial(address, verdict, hostname);
  }

  /**
   * The checks possible without DNS, before any connection: IP literals (which the socket
   * connects to without a lookup) and the well-known metadata host names.
   */
  assertHostAllowed(hostname: string): void {
    const host = stripBrackets(hostname);
    if (isIP(host)) {
      this.assertAddressAllowed(host);
      return;
    }
    const normalised = host.toLowerCase().replace(/\.$/, '');
    if (METADATA_HOSTNAMES.has(normalised)) {
      throw new EgressDeniedError(`refused: ${normalised} is ${DESCRIPTIONS['cloud-metadata']}`, normalised, 'cloud-metadata', normalised);
    }
  }

  /**
   * Resolves a host name and checks every address it resolves to. One disallowed address
   * refuses the whole name: a name that mixes public and internal addresses is an attack.
   */
  async resolveAllowed(hostname: string, family: 0 | 4 | 6 = 0): Promise<ResolvedAddress[]> {
    this.assertHostAllowed(hostname);
    const host = stripBrackets(hostname);
    const literalFamily = isIP(host);
    if (literalFamily) return [{ address: host, family: literalFamily as 4 | 6 }];
    const addresses = await this.resolve(host, family);
    if (addresses.length === 0) {
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND', hostname: host });
    }
    for (const { address } of addresses) this.assertAddressAllowed(address, host);
    return addresses;
  }

  /** A `lookup` for net.connect and tls.connect that only ever yields allowed addresses. */
  readonly lookup = (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    this.resolveAllowed(hostname, familyOf(options.family)).then(
      (addresses) => {
        if (options.all) callback(null, addresses.map(({ address, family }) => ({ address, family })));
        else callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };

  private allows(category: AddressCategory): boolean {
    if (ALWAYS_REFUSED.has(category)) return false;
    if (category === 'loopback') return this.allowLoopback;
    if (category === 'private' || category === 'carrier-grade-nat') return !this.blockPrivate;
    return true;
  }

  private denial(address: string, verdict: AddressVerdict, hostname: string | undefined): EgressDeniedError {
    const shown = stripBrackets(address);
    // Name the IPv4 address an IPv6 spelling stands for, unless the spelling already shows it.
    const ipv4 = verdict.embeddedIPv4 ?? (isIP(verdict.canonical) === 4 && isIP(shown) === 6 ? verdict.canonical : undefined);
    const unwrapped = ipv4 && !shown.endsWith(ipv4) ? ipv4 : undefined;
    const subject = hostname ? `${hostname} resolves to ${shown}${unwrapped ? ` (${unwrapped})` : ''}, which` : `${shown}${unwrapped ? ` (${unwrapped})` : ''}`;
    const why = ALWAYS_REFUSED.has(verdict.category)
      ? ''
      : verdict.category === 'loopback'
        ? '; the egress policy does not allow loopback addresses'
        : '; the egress policy blocks private networks';
    return new EgressDeniedError(`refused: ${subject} is ${DESCRIPTIONS[verdict.category]}${why}`, verdict.embeddedIPv4 ?? verdict.canonical, verdict.category, hostname);
  }
}

export function describeAddressCategory(category: AddressCategory): string {
  return DESCRIPTIONS[category];
}

function categorise(address: ipaddr.IPv4 | ipaddr.IPv6): AddressCategory {
  for (const [network, prefix, category] of RANGES) {
    if (network.kind() === address.kind() && address.match(network, prefix)) return category;
  }
  return 'public';
}

/**
 * IPv6 forms that carry an IPv4 address a gateway will forward to: NAT64 (RFC 6052 and the
 * local-use prefix of RFC 8215), SIIT (RFC 6145), 6to4 (RFC 3056) and the deprecated
 * IPv4-compatible form. Without this, 64:ff9b::a9fe:a9fe would reach 169.254.169.254.
 */
function embeddedIPv4Of(address: ipaddr.IPv6): ipaddr.IPv4 | null {
  const parts = address.parts;
  const fromParts = (high: number, low: number) => new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
  if (parts[0] === 0x64 && parts[1] === 0xff9b) return fromParts(parts[6]!, parts[7]!);
  if (parts[0] === 0x2002) return fromParts(parts[1]!, parts[2]!);
  const upperZero = parts.slice(0, 4).every((part) => part === 0);
  if (upperZero && parts[4] === 0xffff && parts[5] === 0) return fromParts(parts[6]!, parts[7]!);
  if (upperZero && parts[4] === 0 && parts[5] === 0) return fromParts(parts[6]!, parts[7]!);
  return null;
}

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

function familyOf(family: LookupOptions['family']): 0 | 4 | 6 {
  if (family === 4 || family === 'IPv4') return 4;
  if (family === 6 || family === 'IPv6') return 6;
  return 0;
}

async function resolveWithOperatingSystem(hostname: string, family: 0 | 4 | 6): Promise<ResolvedAddress[]> {
  const addresses = await dnsPromises.lookup(hostname, { all: true, family });
  return addresses.map(({ address, family: addressFamily }) => ({ address, family: addressFamily === 6 ? 6 : 4 }));
}
