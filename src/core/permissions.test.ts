import { describe, expect, it } from 'vitest';
import { grantsDomain, hasAccessPatterns, originPatterns } from './permissions';

describe('grantsDomain', () => {
  it('accepts the pattern we ask for, and wider ones', () => {
    expect(grantsDomain(originPatterns('okteto.example.com'), 'okteto.example.com')).toBe(true);
    expect(grantsDomain(['*://*.example.com/*'], 'okteto.example.com')).toBe(true);
    expect(grantsDomain(['https://*.example.com/*'], 'okteto.example.com')).toBe(true);
    expect(grantsDomain(['<all_urls>'], 'okteto.example.com')).toBe(true);
    expect(grantsDomain(['*://*/*'], 'okteto.example.com')).toBe(true);
  });

  it('refuses patterns that do not cover the domain and all its subdomains', () => {
    expect(grantsDomain([], 'okteto.example.com')).toBe(false);
    expect(grantsDomain(['*://okteto.example.com/*'], 'okteto.example.com')).toBe(false);
    expect(grantsDomain(['*://*.a.okteto.example.com/*'], 'okteto.example.com')).toBe(false);
    expect(grantsDomain(['*://*.notokteto.example.com/*'], 'okteto.example.com')).toBe(false);
    expect(grantsDomain(['*://*.okteto.example.com.evil.test/*'], 'okteto.example.com')).toBe(false);
  });
});

describe('hasAccessPatterns', () => {
  it('is true only when every pattern we ask for (http, ws, wss) is granted', () => {
    expect(hasAccessPatterns(originPatterns('okteto.example.com'), 'okteto.example.com')).toBe(true);
    expect(hasAccessPatterns(['*://*.okteto.example.com/*'], 'okteto.example.com')).toBe(false);
    expect(hasAccessPatterns(['<all_urls>'], 'okteto.example.com')).toBe(true);
  });
});
