import { Readable } from 'node:stream';
import { decodeBody, readCappedBody } from './response-body';

describe('readCappedBody', () => {
  it('reads a body smaller than the cap whole', async () => {
    const result = await readCappedBody(Readable.from([Buffer.from('abc'), Buffer.from('def')]), 6);
    expect(result).toEqual({ bytes: Buffer.from('abcdef'), truncated: false });
  });

  it('stops at the cap and destroys the stream without reading further', async () => {
    let pulled = 0;
    const endless = new Readable({
      read() {
        pulled += 1;
        this.push(Buffer.alloc(1024, 120));
      },
    });
    const result = await readCappedBody(endless, 2_500);
    expect(result.truncated).toBe(true);
    expect(result.bytes).toHaveLength(2_500);
    expect(endless.destroyed).toBe(true);
    expect(pulled).toBeLessThan(10);
  });
});

describe('decodeBody', () => {
  const utf8 = (text: string) => Buffer.from(text, 'utf8');

  it('parses JSON content types', () => {
    expect(decodeBody(utf8('{"a":1}'), false, 'application/json; charset=utf-8', null)).toEqual({ body: { a: 1 }, format: 'json' });
    expect(decodeBody(utf8('{"type":"x"}'), false, 'application/problem+json', null)).toEqual({ body: { type: 'x' }, format: 'json' });
  });

  it('returns truncated or malformed JSON as text', () => {
    expect(decodeBody(utf8('{"a":[1,2'), true, 'application/json', null)).toEqual({ body: '{"a":[1,2', format: 'text' });
    expect(decodeBody(utf8('not json'), false, 'application/json', null)).toEqual({ body: 'not json', format: 'text' });
  });

  it('decodes text in its charset, dropping a character cut by truncation', () => {
    expect(decodeBody(Buffer.from([0x63, 0x61, 0x66, 0xe9]), false, 'text/plain; charset=ISO-8859-1', null)).toEqual({ body: 'café', format: 'text' });
    const cut = utf8('café').subarray(0, 4);
    expect(decodeBody(cut, true, 'text/plain', null)).toEqual({ body: 'caf', format: 'text' });
    expect(decodeBody(utf8('<a/>'), false, 'application/atom+xml', null).format).toBe('text');
  });

  it('returns binary and compressed bodies as base64', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
    expect(decodeBody(png, false, 'image/png', null)).toEqual({ body: png.toString('base64'), format: 'base64' });
    expect(decodeBody(utf8('{"a":1}'), false, 'application/json', 'gzip').format).toBe('base64');
    expect(decodeBody(Buffer.from([0xff, 0x00, 0x01]), false, null, null).format).toBe('base64');
  });

  it('sniffs untyped bodies that are valid UTF-8 as text', () => {
    expect(decodeBody(utf8('plain words'), false, null, null)).toEqual({ body: 'plain words', format: 'text' });
  });

  it('says when there is no body', () => {
    expect(decodeBody(Buffer.alloc(0), false, 'application/json', null)).toEqual({ body: null, format: 'empty' });
  });
});
