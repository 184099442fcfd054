import { describe, expect, it } from 'vitest';
import { inEnglish } from '../../test/fixtures/words';
import { filterDomain, patternHost } from './header-filter';

describe('patternHost', () => {
  // What people write in ModHeader's urlRegex and Requestly's Matches / Wildcard_Matches.
  it.each([
    ['.*://.*\\.okteto\\.example\\.com/.*', 'okteto.example.com'],
    ['https://movies-alice\\.okteto\\.example\\.com/.*', 'movies-alice.okteto.example.com'],
    ['https?://(.*\\.)?okteto\\.example\\.com(/.*)?', 'okteto.example.com'],
    ['^https://([^/]+\\.)?okteto\\.example\\.com/', 'okteto.example.com'],
    ['.*okteto\\.example\\.com.*', 'okteto.example.com'],
    ['okteto.example.com', 'okteto.example.com'],
    ['/^https:\\/\\/catalog-dave\\.okteto\\.example\\.com\\//', 'catalog-dave.okteto.example.com'],
    ['/okteto\\.example\\.com/i', 'okteto.example.com'],
    ['*://*.okteto.example.com/*', 'okteto.example.com'],
    ['*.okteto.example.com', 'okteto.example.com'],
    ['https://okteto.example.com:8443/api?x=1', 'okteto.example.com'],
    ['(http|https)://app\\.okteto\\.example\\.com$', 'app.okteto.example.com'],
  ])('%s → %s', (pattern, host) => {
    expect(patternHost(pattern)).toBe(host);
  });

  it.each([
    '.*',
    '*',
    '*://*/*',
    '',
    '(movies|catalog)-alice\\.okteto\\.example\\.com',
    '[a-z]+\\.okteto\\.example\\.com',
    'https://okteto.example.(com|org)/',
    '.*/healthz',
  ])('names no single host: %s', (pattern) => {
    expect(patternHost(pattern)).toBeUndefined();
  });
});

describe('filterDomain', () => {
  it('takes the domain rule’s decision and says its reason', () => {
    expect(filterDomain({ kind: 'regex', pattern: '.*\\.okteto\\.example\\.com/.*' }).value).toBe('okteto.example.com');
    expect(filterDomain({ kind: 'text', pattern: 'https://Movies.Okteto.Example.com/x' }).value).toBe(
      'movies.okteto.example.com',
    );
    expect(inEnglish(filterDomain({ kind: 'regex', pattern: '.*\\.com/.*' }).error)).toContain('"com" is a top-level domain');
    expect(inEnglish(filterDomain({ kind: 'wildcard', pattern: '*.github.io' }).error)).toContain('public suffix');
    expect(inEnglish(filterDomain({ kind: 'regex', pattern: '.*' }).error)).toContain('more than one host');
    expect(inEnglish(filterDomain({ kind: 'regex', pattern: '10\\.0\\.0\\.1' }).error)).toContain('IP address');
    expect(inEnglish(filterDomain({ kind: 'path', pattern: '/api' }).error)).toContain('a path, not a host');
    expect(inEnglish(filterDomain({ kind: 'text', pattern: 'okteto' }).error)).toBeDefined();
  });
});
