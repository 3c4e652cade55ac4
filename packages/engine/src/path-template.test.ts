import { expandPathTemplate, MissingPathParameterError } from './path-template';

describe('expandPathTemplate', () => {
  it('fills placeholders with encoded values', () => {
    expect(expandPathTemplate('/customers/{id}/orders/{order}', { id: 42, order: 'a b' })).toBe('/customers/42/orders/a%20b');
  });

  it('keeps hostile values inside their segment', () => {
    const path = expandPathTemplate('/items/{id}', { id: '../../admin?x=1#frag' });
    expect(path).toBe('/items/..%2F..%2Fadmin%3Fx%3D1%23frag');
    expect(new URL(path, 'http://api.example/v1/').host).toBe('api.example');
    expect(expandPathTemplate('/items/{id}', { id: '..' })).toBe('/items/%2E%2E');
    expect(expandPathTemplate('/items/{id}', { id: '//evil.example' })).toBe('/items/%2F%2Fevil.example');
  });

  it('refuses a missing value', () => {
    expect(() => expandPathTemplate('/items/{id}', {})).toThrow(MissingPathParameterError);
  });
});
