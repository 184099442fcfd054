import { describe, expect, it } from 'vitest';
import { exactUrl, secureUrl, type UrlWords, urlHost, urlOrigin, webHost } from './url';

const said: UrlWords = {
  empty: 'instanceUrlEmpty',
  notUrl: 'instanceUrlNotUrl',
  credentials: 'instanceUrlCredentials',
  insecure: 'instanceUrlInsecure',
};
const refusal = (input: unknown, options?: { defaultScheme?: 'https' }) => secureUrl(input, said, options).error;

describe('urlHost and urlOrigin', () => {
  it('read a URL’s host and origin, and nothing from what is no URL', () => {
    expect(urlHost('https://Movies.Example.com:8443/x')).toBe('movies.example.com');
    expect(urlHost('not a url')).toBeUndefined();
    expect(urlOrigin('https://movies.example.com:8443/x?y#z')).toBe('https://movies.example.com:8443');
    expect(urlOrigin('not a url')).toBeUndefined();
    expect(urlOrigin(undefined)).toBeUndefined();
  });
});

describe('secureUrl', () => {
  it.each([
    'https://okteto.example.com/x',
    'http://localhost:8080/t',
    'http://okteto.localhost/t',
    'http://127.0.0.1:9/t',
    'http://127.10.0.254/t',
    'http://[::1]:3000/x',
  ])('accepts %s', (input) => {
    expect(secureUrl(input, said).value?.href).toBe(new URL(input).href);
  });

  it('trims what a paste brings around it', () => {
    expect(secureUrl('  https://okteto.example.com/x \n', said).value?.href).toBe('https://okteto.example.com/x');
  });

  it('says which rule a URL broke', () => {
    expect(refusal('')).toEqual({ key: 'instanceUrlEmpty', subs: [] });
    expect(refusal('   ')).toEqual({ key: 'instanceUrlEmpty', subs: [] });
    expect(refusal(42)).toEqual({ key: 'instanceUrlEmpty', subs: [] });
    expect(refusal('https://user:pw@okteto.example.com/')).toEqual({ key: 'instanceUrlCredentials', subs: [] });
    expect(refusal('https://user@okteto.example.com/')).toEqual({ key: 'instanceUrlCredentials', subs: [] });
    expect(refusal('https://:pw@okteto.example.com/')).toEqual({ key: 'instanceUrlCredentials', subs: [] });
    for (const insecure of [
      'http://okteto.example.com/',
      'http://localhost.example.com/',
      'http://evil.com/?localhost',
      'http://a.localhost.evil.com/',
      'http://127.0.0.1.evil.com/',
      'http://xlocalhost/',
      'http://[::2]/',
      'ftp://localhost/',
      'file:///etc/passwd',
    ])
      expect(refusal(insecure), insecure).toEqual({ key: 'instanceUrlInsecure', subs: [] });
  });

  it('shows at most 100 characters of what is no URL', () => {
    const long = `not a url ${'x'.repeat(200)}`;
    expect(refusal(long)).toEqual({ key: 'instanceUrlNotUrl', subs: [long.slice(0, 100)] });
    expect(refusal(' okteto example ')).toEqual({ key: 'instanceUrlNotUrl', subs: ['okteto example'] });
  });

  it('with a default scheme, a bare host is https; a URL keeps its own scheme', () => {
    expect(secureUrl('okteto.example.com', said, { defaultScheme: 'https' }).value?.href).toBe('https://okteto.example.com/');
    expect(refusal('okteto.example.com')).toEqual({ key: 'instanceUrlNotUrl', subs: ['okteto.example.com'] });
    expect(refusal('http://okteto.example.com', { defaultScheme: 'https' })).toEqual({ key: 'instanceUrlInsecure', subs: [] });
    expect(refusal('HTTP://okteto.example.com', { defaultScheme: 'https' })).toEqual({ key: 'instanceUrlInsecure', subs: [] });
    expect(secureUrl('http://localhost:8080', said, { defaultScheme: 'https' }).value?.href).toBe('http://localhost:8080/');
    // Not a scheme: a host with a port, and a path that mentions one.
    expect(secureUrl('okteto.example.com:8443', said, { defaultScheme: 'https' }).value?.href).toBe(
      'https://okteto.example.com:8443/',
    );
    expect(secureUrl('okteto.example.com/x?u=http://a', said, { defaultScheme: 'https' }).value?.host).toBe('okteto.example.com');
  });
});

describe('exactUrl', () => {
  it('gives the URL as the browser sends it, without its fragment', () => {
    expect(exactUrl('https://Movies.example.com/a/../b?x=1#frag')).toBe('https://movies.example.com/b?x=1');
    expect(exactUrl('http://localhost:8080/api')).toBe('http://localhost:8080/api');
  });

  it('refuses what a URL filter would read as syntax, userinfo and other schemes', () => {
    for (const bad of [
      'not a url',
      'https://movies.example.com/*',
      'https://movies.example.com/a^b',
      'https://movies.example.com/a|b',
      'https://user@movies.example.com/',
      'https://:pw@movies.example.com/',
      'ftp://movies.example.com/',
      'xhttps://movies.example.com/',
      'data:text/plain,https:',
    ])
      expect(exactUrl(bad), bad).toBeUndefined();
  });
});

describe('webHost', () => {
  it('reads hosts of web pages only', () => {
    expect(webHost('https://a.example.com:8443/x')).toBe('a.example.com');
    expect(webHost('chrome://extensions')).toBeUndefined();
    expect(webHost('not a url')).toBeUndefined();
    expect(webHost(undefined)).toBeUndefined();
  });
});
