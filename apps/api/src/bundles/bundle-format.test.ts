import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BUNDLE_FORMAT_VERSION, BUNDLE_UPGRADES, Bundle, bundleJsonSchema, duplicateKeyIssues, upgradeBundle, type BundleUpgrade } from '@conflux/contracts';

const examples = path.resolve(__dirname, '../../../../examples');

describe('bundle format', () => {
  it('keeps examples/bundle.schema.json equal to the JSON Schema generated from the zod schema', () => {
    const committed = JSON.parse(readFileSync(path.join(examples, 'bundle.schema.json'), 'utf8'));
    // To refresh: node -e "console.log(JSON.stringify(require('@conflux/contracts').bundleJsonSchema(), null, 2))" > examples/bundle.schema.json
    expect(committed).toEqual(bundleJsonSchema());
  });

  it('accepts the weather sample', () => {
    const sample = JSON.parse(readFileSync(path.join(examples, 'weather/weather.bundle.json'), 'utf8'));
    expect(Bundle.safeParse(sample).error?.issues).toBeUndefined();
    expect(duplicateKeyIssues(sample)).toEqual([]);
  });

  it('upgrades older format versions with the explicit steps, in order', () => {
    // A fabricated format 0 that called components "modules" and had no systems list.
    const fromZero: BundleUpgrade = {
      from: 0,
      description: 'modules became components; systems were added',
      upgrade: ({ modules, ...rest }) => ({ ...rest, components: modules, systems: [] }),
    };
    const old = { format: 'conflux.bundle', formatVersion: 0, modules: [{ key: 'weather', name: 'Weather' }], dataflows: [] };
    const result = upgradeBundle(old, [fromZero], 1);
    expect(result).toEqual({
      upgradedFrom: 0,
      issues: [],
      document: { format: 'conflux.bundle', formatVersion: 1, components: [{ key: 'weather', name: 'Weather' }], dataflows: [], systems: [] },
    });
    expect(Bundle.parse(result.document).components[0]).toMatchObject({ key: 'weather', forms: [] });
    expect(old.formatVersion).toBe(0); // the upload itself is not modified
  });

  it('names the version when no upgrade leads from it, and leaves current and newer versions to validation', () => {
    expect(upgradeBundle({ format: 'conflux.bundle', formatVersion: 0 }).issues).toEqual([{ path: ['formatVersion'], message: expect.stringContaining('version 0 is not supported') }]);
    expect(upgradeBundle({ formatVersion: BUNDLE_FORMAT_VERSION }).upgradedFrom).toBeNull();
    expect(upgradeBundle({ formatVersion: BUNDLE_FORMAT_VERSION + 1 }).issues).toEqual([]);
    expect(upgradeBundle('nope').issues).toEqual([{ path: [], message: 'A bundle is a JSON object' }]);
    // Every registered upgrade starts below the current version and none is missing.
    expect(BUNDLE_UPGRADES.map((upgrade) => upgrade.from)).toEqual([...Array(BUNDLE_UPGRADES.length).keys()].map((i) => BUNDLE_FORMAT_VERSION - BUNDLE_UPGRADES.length + i));
  });

  it('reports duplicate keys at every level with their paths', () => {
    const connector = { key: 'c', endpoints: [{ key: 'e' }, { key: 'e' }] };
    const document = {
      components: [{ key: 'a', forms: [{ key: 'f' }, { key: 'f' }] }, { key: 'a' }],
      dataflows: [{ key: 'd' }, { key: 'd' }],
      systems: [{ key: 's', connectors: [connector, { key: 'c' }] }],
    };
    expect(duplicateKeyIssues(document).map((issue) => issue.path.join('.'))).toEqual([
      'components.1.key',
      'components.0.forms.1.key',
      'dataflows.1.key',
      'systems.0.connectors.1.key',
      'systems.0.connectors.0.endpoints.1.key',
    ]);
  });
});
