import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { inEnglish } from '../../test/fixtures/words';
import { DomainSchema, NamespaceFromSchema, NamespaceSchema, parseWith, StoredDomainSchema } from './schema';

/** What the user reads for `input` given to `schema`, where it is named "Message" (the command's payload). */
const said = (schema: v.GenericSchema, input: unknown) => inEnglish(parseWith(schema, input, 'whatMessage').error);
const accepts = (schema: v.GenericSchema, input: unknown) => parseWith(schema, input, 'whatMessage').error === undefined;

// The small values every file, message and stored setting is read through (docs/mutation.md).
describe('the small value schemas, in the words the user reads', () => {
  it('a namespace: text, and the namespace rule spelled out', () => {
    expect(accepts(NamespaceSchema, 'alice')).toBe(true);
    expect(said(NamespaceSchema, 7)).toBe('Message must be a namespace (text)');
    expect(said(NamespaceSchema, 'Bob')).toMatch(/^Message is not a valid namespace\. A namespace is 1-63 characters/);
  });

  it('a stored domain: host-name shaped, one label or more of 1-63 letters, digits and inner hyphens', () => {
    for (const ok of ['a.b', 'okteto.example.com', 'x.y.z.example.online', `${'a'.repeat(63)}.example.com`, 'a-1.b-2.cloud'])
      expect(accepts(StoredDomainSchema, ok), ok).toBe(true);
    const tooLong = `${'a.'.repeat(126)}com`; // 255 characters
    for (const bad of [
      'com',
      '_a.example.com',
      'a.example.com_',
      '-a.example.com',
      'a-.example.com',
      'a.example.-com',
      'a.example.com-',
      'a..com',
      'A.example.com',
      tooLong,
    ])
      expect(said(StoredDomainSchema, bad), bad).toBe('Message is not a host name.');
    expect(accepts(StoredDomainSchema, `${'a.'.repeat(125)}com`)).toBe(true); // 253 characters
    expect(said(StoredDomainSchema, 3)).toBe('Message must be a domain (text)');
  });

  it('a domain coming in: exactly as the domain rule stores it, public suffixes refused', () => {
    expect(accepts(DomainSchema, 'okteto.example.com')).toBe(true);
    for (const bad of ['co.uk', 'Okteto.example.com', 'https://okteto.example.com'])
      expect(said(DomainSchema, bad), bad).toBe('Message is not a valid domain: use a host name such as okteto.example.com.');
    expect(said(DomainSchema, null)).toBe('Message must be a domain (text)');
  });

  it('a served-by header: a header name, never a credential or navigation header', () => {
    expect(accepts(NamespaceFromSchema, { header: 'x-okteto-namespace' })).toBe(true);
    expect(accepts(NamespaceFromSchema, { header: 'h'.repeat(100) })).toBe(true);
    for (const bad of ['x y', 'x:y', 'h'.repeat(101), ''])
      expect(said(NamespaceFromSchema, { header: bad }), bad).toBe('Message: header must be an HTTP header name');
    expect(said(NamespaceFromSchema, { header: 'Cookie' })).toMatch(
      /^Message: header must not name a credential or navigation header/,
    );
  });

  it('a probe: a path on the page’s own host, no spaces or backslashes anywhere in it', () => {
    expect(accepts(NamespaceFromSchema, { probe: '/api/healthz?x=1' })).toBe(true);
    expect(accepts(NamespaceFromSchema, { probe: `/${'p'.repeat(500)}` })).toBe(true);
    for (const bad of ['//evil.test/x', '/\\evil.test', 'https://a.example.com/x', '/a b', '/a\\b', `/${'p'.repeat(501)}`])
      expect(said(NamespaceFromSchema, { probe: bad }), bad).toBe(
        'Message: probe must be a path on the same host, starting with /',
      );
  });
});

describe('parseWith', () => {
  it('names the path of the first problem, with indices in brackets, or none for the value itself', () => {
    const Outer = v.object({ list: v.array(v.object({ inner: NamespaceSchema })) });
    expect(said(Outer, { list: [{ inner: 'ok' }, { inner: 'Bad' }] })).toMatch(
      /^Message: list\[1\]\.inner is not a valid namespace/,
    );
    expect(said(v.array(NamespaceSchema), ['ok', 'no way'])).toMatch(/^Message: \[1\] is not a valid namespace/);
    expect(parseWith(Outer, { list: [{ inner: 'ok' }] }, 'whatMessage')).toEqual({ value: { list: [{ inner: 'ok' }] } });
  });

  it('passes a check’s own words on when it has no message of ours', () => {
    expect(said(NamespaceFromSchema, { field: '' })).toMatch(/^Message: field Invalid length/);
  });
});
