import { cloneModel, isJsonValue, type Model } from './model';

describe('model', () => {
  it('gives each step a copy that cannot change the original', () => {
    const original: Model = { city: 'Oslo', coordinates: { lat: 59.9, lon: 10.7 }, tags: ['a'] };
    const copy = cloneModel(original);
    (copy.coordinates as { lat: number }).lat = 0;
    (copy.tags as string[]).push('b');
    expect(original).toEqual({ city: 'Oslo', coordinates: { lat: 59.9, lon: 10.7 }, tags: ['a'] });
  });

  it('accepts plain JSON only', () => {
    expect(isJsonValue({ a: [1, 'x', null, { b: true }] })).toBe(true);
    expect(isJsonValue({ when: new Date() })).toBe(false);
    expect(isJsonValue({ n: Number.NaN })).toBe(false);
    expect(isJsonValue({ f: () => 1 })).toBe(false);
    expect(isJsonValue(undefined)).toBe(false);
  });
});
