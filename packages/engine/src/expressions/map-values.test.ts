import { mapValues, validateExpressions } from './map-values';

const model = { city: 'Oslo', readings: [3, 5, 7], unit: 'C' };

describe('mapValues', () => {
  it('evaluates expressions and passes literals through', async () => {
    const literal = { nested: ['kept'] };
    const result = await mapValues(
      {
        location: { kind: 'expression', source: 'city' },
        average: { kind: 'expression', source: '$average(readings)' },
        label: { kind: 'expression', source: 'city & " (" & unit & ")"' },
        source: { kind: 'literal', value: 'weather-service' },
        options: { kind: 'literal', value: literal },
      },
      model,
    );
    expect(result).toEqual({
      ok: true,
      values: {
        location: 'Oslo',
        average: 5,
        label: 'Oslo (C)',
        source: 'weather-service',
        options: { nested: ['kept'] },
      },
    });
    if (result.ok) (result.values.options as { nested: string[] }).nested.push('changed');
    expect(literal).toEqual({ nested: ['kept'] });
  });

  it('collects every error with its key instead of stopping at the first', async () => {
    const result = await mapValues(
      {
        broken: { kind: 'expression', source: 'city &' },
        fine: { kind: 'expression', source: 'unit' },
        wrongType: { kind: 'expression', source: 'city * 2' },
        runaway: { kind: 'expression', source: '($f := function($n) { 1 + $f($n) }; $f(1))' },
      },
      model,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.values).toEqual({ fine: 'C' });
    expect(result.errors).toEqual([
      { key: 'broken', kind: 'syntax', message: expect.stringContaining('(at character'), position: expect.any(Number) },
      { key: 'wrongType', kind: 'evaluation', message: expect.stringContaining('must evaluate to a number'), position: expect.any(Number) },
      { key: 'runaway', kind: 'depth', message: expect.stringContaining('nested deeper than 100 levels'), position: expect.any(Number) },
    ]);
  });

  it('leaves out entries that select nothing', async () => {
    const result = await mapValues({ missing: { kind: 'expression', source: 'country' } }, model);
    expect(result).toEqual({ ok: true, values: {} });
  });

  it('keeps a key named __proto__ as a plain property', async () => {
    const result = await mapValues({ ['__proto__']: { kind: 'literal', value: { polluted: true } } }, model);
    expect(result.ok && Object.getPrototypeOf(result.values)).toBe(Object.prototype);
    expect(result.ok && Object.keys(result.values)).toEqual(['__proto__']);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});

describe('validateExpressions', () => {
  it('lists every expression that does not parse, with its path and position', () => {
    const issues = validateExpressions([
      { path: ['steps', 1, 'config', 'condition'], source: 'status = 200' },
      { path: ['steps', 2, 'config', 'fields', 0, 'value', 'source'], source: '$sum(readings' },
      { path: ['steps', 3, 'config', 'condition'], source: '' },
    ]);
    expect(issues).toEqual([
      {
        path: ['steps', 2, 'config', 'fields', 0, 'value', 'source'],
        message: 'Expected ")" before end of expression (at character 13)',
        position: 13,
      },
      { path: ['steps', 3, 'config', 'condition'], message: 'Enter an expression' },
    ]);
  });
});
