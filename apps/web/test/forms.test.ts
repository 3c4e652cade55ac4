import type { EntityModel, FormField } from '@conflux/contracts';
import { modelFromDrafts, draftFromProperty, emptyProperty, moveRow, parseDefault } from '@/features/components/entity-model-draft';
import { emptyFormDraft, emptyField, fieldNameFromLabel, parseOptions, requestFromDraft } from '@/features/forms/form-draft';
import { checkValues, valuesFromInputs } from '@/features/forms/form-values';
import { recordListQuery } from '@/features/records/records.api';
import { dataFromDraft, draftFromData } from '@/features/records/record-values';

const weather: EntityModel = {
  properties: [
    { name: 'city', type: 'string', title: 'City', required: true, isTitle: true },
    { name: 'temperature', type: 'number', title: '', required: false, isTitle: false },
    { name: 'sunny', type: 'boolean', title: '', required: false, isTitle: false, default: false },
  ],
};

describe('the entity model editor', () => {
  it('types defaults by the property type and names the row of each problem', () => {
    expect(parseDefault('integer', '3')).toEqual({ value: 3 });
    expect(parseDefault('integer', '3.5')).toEqual({ error: 'Enter a whole number' });
    expect(parseDefault('boolean', 'yes')).toEqual({ error: 'Use true or false' });
    expect(parseDefault('object', '[1]').error).toMatch(/JSON object/);
    const rows = weather.properties.map(draftFromProperty);
    expect(modelFromDrafts(rows).model).toEqual(weather);
    const broken = [...rows, { ...emptyProperty(), name: 'city' }, { ...emptyProperty(), name: '2x', type: 'number' as const, defaultText: 'many' }];
    expect(modelFromDrafts(broken).errors).toMatchObject({
      'properties.3.name': '"city" is already a property',
      'properties.4.name': 'Use letters, digits and _, starting with a letter',
      'properties.4.default': 'Enter a number',
    });
    expect(moveRow(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
    expect(moveRow(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
  });
});

describe('the record form', () => {
  it('turns inputs into typed data checked by the entity model, with a message per property', () => {
    expect(draftFromData(weather, null)).toEqual({ city: '', temperature: '', sunny: 'false' });
    expect(dataFromDraft(weather, { city: '', temperature: 'warm', sunny: '' }, null).errors).toEqual({
      city: 'Required',
      temperature: 'Invalid input: expected number, received string',
    });
    expect(dataFromDraft(weather, { city: 'Oslo', temperature: '21.5', sunny: 'true' }, null)).toEqual({
      data: { city: 'Oslo', temperature: 21.5, sunny: true },
      errors: {},
    });
    // Clearing a stored value sends null; untouched empty values are left out.
    expect(dataFromDraft(weather, { city: 'Oslo', temperature: '', sunny: '' }, { city: 'Oslo', temperature: 3 }).data).toEqual({ city: 'Oslo', temperature: null });
  });

  it('asks for a page of records with filter.<property>', () => {
    expect(recordListQuery({ offset: 20, limit: 20, sort: 'city', order: 'desc', filter: { city: 'Oslo', conditions: '' } })).toBe(
      '?offset=20&limit=20&sort=city&order=desc&filter.city=Oslo',
    );
    expect(recordListQuery({})).toBe('');
  });
});

describe('forms', () => {
  const fields: FormField[] = [
    { name: 'city', label: 'City', type: 'text', help: '', required: true, options: [], binding: 'city' },
    { name: 'days', label: 'Days', type: 'number', help: '', required: false, min: 1, max: 7, options: [], binding: '' },
    { name: 'unit', label: 'Unit', type: 'select', help: '', required: true, options: [{ value: 'c', label: 'Celsius' }], binding: '' },
    { name: 'alerts', label: 'Alerts', type: 'checkbox', help: '', required: false, options: [], binding: '' },
  ];

  it('checks values in the browser with the server’s schema, a message per field', () => {
    expect(valuesFromInputs(fields, { city: '', days: '', unit: '', alerts: false })).toEqual({ city: '', alerts: false });
    expect(checkValues(fields, { city: ' ', days: '9', unit: '', alerts: false }).errors).toEqual({
      city: 'City is required',
      days: 'Days: at most 7',
      unit: 'Unit is required',
    });
    expect(checkValues(fields, { city: 'Oslo', days: '3', unit: 'c', alerts: true })).toEqual({
      values: { city: 'Oslo', days: 3, unit: 'c', alerts: true },
      errors: {},
    });
  });

  it('builds the form request from the editor, and says where it is incomplete', () => {
    expect(fieldNameFromLabel('Postal code')).toBe('postal_code');
    expect(parseOptions('oslo = Oslo\n\nbergen')).toEqual([
      { value: 'oslo', label: 'Oslo' },
      { value: 'bergen', label: 'bergen' },
    ]);
    const draft = { ...emptyFormDraft(), name: 'Weather', key: 'weather', fields: [{ ...emptyField(), label: 'City', name: 'city', required: true, binding: 'city' }] };
    expect(requestFromDraft(draft).request).toEqual({
      key: 'weather',
      name: 'Weather',
      description: '',
      fields: [{ name: 'city', label: 'City', type: 'text', help: '', required: true, options: [], binding: 'city' }],
      dataflowKey: null,
      access: { roles: ['user'], userIds: [] },
    });
    const incomplete = { ...draft, key: '', fields: [...draft.fields, { ...emptyField(), type: 'select' as const, label: 'City', name: 'city', min: 'x' }] };
    expect(requestFromDraft(incomplete).errors).toMatchObject({
      key: 'Enter a key',
      'fields.1.name': 'Another field is already named “city”',
      'fields.1.options': 'Add at least one option',
    });
  });
});
