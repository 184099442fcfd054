import { describe, expect, it } from 'vitest';
import { inEnglish } from '../../test/fixtures/words';
import { suggestEntry, validateDomain } from './domain';
import { covers } from './host';

describe('validateDomain', () => {
  it.each([
    ['okteto.example.com', 'okteto.example.com'],
    ['  Okteto.Example.COM  ', 'okteto.example.com'],
    ['https://movies-staging.okteto.example.com/api', 'movies-staging.okteto.example.com'],
    ['http://okteto.example.com:8080/x?y#z', 'okteto.example.com'],
    ['wss://api.okteto.example.com/socket', 'api.okteto.example.com'],
    ['okteto.example.com:8443', 'okteto.example.com'],
    ['okteto.example.com/path', 'okteto.example.com'],
    ['okteto.example.com.', 'okteto.example.com'],
    ['*.okteto.example.com', 'okteto.example.com'],
    ['example.co.uk', 'example.co.uk'],
    ['alice.github.io', 'alice.github.io'],
    ['okteto.localhost', 'okteto.localhost'],
    ['bücher.example', 'xn--bcher-kva.example'],
    // A URL in the query is no scheme of the entry's own
    ['okteto.example.com/go?to=https://evil.example.net', 'okteto.example.com'],
    // Names that start like an IP address (nip.io style) are host names
    ['10.0.0.1.example.com', '10.0.0.1.example.com'],
    // 253 characters: the longest host name
    [
      `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(57)}.com`,
      `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(57)}.com`,
    ],
  ])('%j → %s', (input, host) => {
    expect(validateDomain(input)).toEqual({ value: host });
  });

  it.each([
    ['', 'Enter a domain'],
    ['   ', 'Enter a domain'],
    ['*', 'wildcard'],
    ['*.*', 'wildcard'],
    ['okteto.*.com', 'wildcard'],
    ['com', 'public suffix'],
    ['co.uk', 'public suffix'],
    ['github.io', 'public suffix'],
    ['https://github.io/', 'public suffix'],
    ['localhost', 'public suffix'],
    // TLDs the list names only by a wildcard rule (*.ck, *.pg): the list gives no suffix for the bare label
    ['ck', 'public suffix'],
    ['PG', 'public suffix'],
    ['okteto example.com', 'spaces'],
    ['okteto.exa_mple.com', 'characters'],
    ['-okteto.example.com', 'characters'],
    ['okteto..example.com', 'characters'],
    ['okteto.example.com"<script>', 'characters'],
    ['127.0.0.1', 'IP address'],
    ['[::1]', 'IP address'],
    ['127.1', 'IP address'],
    ['0x7f.0.0.1', 'IP address'],
    ['2130706433', 'IP address'],
    ['http://0177.0.0.1/', 'IP address'],
    ['10.0.0.01', 'IP address'],
    ['192.168.10.20', 'IP address'],
    ['http://', 'host name'],
    ['/movies', 'no host name'],
    ['?x=1', 'no host name'],
    // Only a port at the end is cut; a colon inside stays and is refused
    ['okteto:1.example.com', 'characters'],
    // Percent signs are no host name characters, even where the URL parser would decode them
    ['a%41.example.com', 'characters'],
    ['bü<cher.example', 'characters'],
    [`${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(58)}.com`, 'characters'],
    [`${'a'.repeat(64)}.example.com`, 'characters'],
  ])('refuses %j (%s)', (input, reason) => {
    expect(inEnglish(validateDomain(input).error)).toContain(reason);
  });

  it('refuses what is not text', () => {
    expect(inEnglish(validateDomain(42).error)).toContain('text');
  });
});

describe('covers', () => {
  it('covers the host and its subdomains, nothing that merely ends alike', () => {
    expect(covers('okteto.example.com', 'okteto.example.com')).toBe(true);
    expect(covers('okteto.example.com', 'a.b.okteto.example.com')).toBe(true);
    expect(covers('okteto.example.com', 'notokteto.example.com')).toBe(false);
    expect(covers('okteto.example.com', 'okteto.example.com.evil.test')).toBe(false);
    expect(covers('okteto.example.com', 'example.com')).toBe(false);
  });
});

describe('suggestEntry', () => {
  it.each([
    // widened: the parent is strictly below the registrable domain
    ['movies-staging.okteto.example.com', { entry: 'okteto.example.com' }],
    ['movies.okteto.demo.localhost', { entry: 'okteto.demo.localhost' }],
    ['movies.okteto.localhost', { entry: 'movies.okteto.localhost', wider: 'okteto.localhost' }],
    ['a.b.example.co.uk', { entry: 'b.example.co.uk' }],
    // not widened to the company's whole registrable domain: offered as a choice instead
    ['app.example.com', { entry: 'app.example.com', wider: 'example.com' }],
    ['okteto.example.com', { entry: 'okteto.example.com', wider: 'example.com' }],
    ['app.example.co.uk', { entry: 'app.example.co.uk', wider: 'example.co.uk' }],
    // never to a shared Okteto domain, not even as a choice
    ['movies-alice.cloud.okteto.net', { entry: 'movies-alice.cloud.okteto.net' }],
    ['cloud.okteto.net', { entry: 'cloud.okteto.net' }],
    // the parent is a public suffix
    ['alice.github.io', { entry: 'alice.github.io' }],
    ['example.com', { entry: 'example.com' }],
  ])('%s → %j', (host, suggestion) => {
    expect(suggestEntry(host)).toEqual({ value: suggestion });
  });

  it('refuses hosts that cannot be an entry', () => {
    expect(inEnglish(suggestEntry('127.0.0.1').error)).toContain('IP address');
    expect(inEnglish(suggestEntry('127.1').error)).toContain('IP address');
    expect(inEnglish(suggestEntry('localhost').error)).toContain('public suffix');
  });
});
