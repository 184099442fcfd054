import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inEnglish } from '../../test/fixtures/words';
import { curlCommand, SHARE_URL_MAX, sharedNamespace, shareLink } from './share-link';

const namespace = fc.stringMatching(/^[a-z0-9](?:[-a-z0-9]{0,20}[a-z0-9])?$/);
// Built once as the file loads: fast-check's first webUrl builds its domain and character tables,
// seconds on a loaded machine, where the 100 runs of the property take some 50 ms.
const url = fc.webUrl({ withFragments: true, withQueryParameters: true });

describe('share links', () => {
  it('put the namespace in a fragment directive, after the page’s own fragment', () => {
    expect(shareLink('https://app.okteto.dev/movies?x=1', 'alice')).toBe(
      'https://app.okteto.dev/movies?x=1#:~:okteto-divert=alice',
    );
    expect(shareLink('https://app.okteto.dev/#/movies/42', 'alice')).toBe(
      'https://app.okteto.dev/#/movies/42:~:okteto-divert=alice',
    );
    // Beside a text fragment; an older okteto-divert directive is replaced, not repeated.
    expect(shareLink('https://a.dev/p#top:~:text=Paprika', 'bob')).toBe('https://a.dev/p#top:~:text=Paprika&okteto-divert=bob');
    expect(shareLink('https://a.dev/p#:~:okteto-divert=alice&text=x', 'bob')).toBe('https://a.dev/p#:~:text=x&okteto-divert=bob');
  });

  it('read back the namespace of a page whose own fragment ends in ":~" (the directive would start early)', () => {
    for (const page of ['https://h.dev/#:~', 'https://h.dev/p#x:~', 'https://h.dev/#a:~:~']) {
      const link = shareLink(page, 'alice');
      expect(sharedNamespace(link), link).toEqual({ value: 'alice' });
      expect(shareLink(link, 'alice')).toBe(link);
    }
  });

  it('read back the namespace they carry, whatever the URL around it', () => {
    fc.assert(
      fc.property(url, namespace, (u, ns) => {
        expect(sharedNamespace(shareLink(u, ns))).toEqual({ value: ns });
        // The link to a link's page is the same link.
        expect(shareLink(shareLink(u, ns), ns)).toBe(shareLink(u, ns));
      }),
    );
  });

  it('are no share link without the directive, and a bad namespace is refused with the rule', () => {
    expect(sharedNamespace('https://a.dev/#/route')).toBeUndefined();
    expect(sharedNamespace('https://a.dev/#okteto-divert=alice')).toBeUndefined();
    expect(sharedNamespace('chrome://settings/#:~:okteto-divert=alice')).toBeUndefined();
    expect(sharedNamespace(undefined)).toBeUndefined();
    expect(inEnglish(sharedNamespace('https://a.dev/#:~:okteto-divert=Not_Valid')?.error)).toMatch(
      /is not a valid namespace. A namespace is 1-63/,
    );
    expect(inEnglish(sharedNamespace('https://a.dev/#:~:okteto-divert=%ZZ')?.error)).toMatch(/not a valid namespace/);
    expect(inEnglish(sharedNamespace('https://a.dev/#:~:okteto-divert=')?.error)).toMatch(/Enter a namespace/);
    const long = `https://a.dev/?p=${'a'.repeat(SHARE_URL_MAX)}#:~:okteto-divert=alice`;
    expect(inEnglish(sharedNamespace(long)?.error)).toMatch(/longer than 8192 characters/);
  });
});

describe('curl command', () => {
  it('is the Divert guide’s command for the page, without the fragment', () => {
    expect(curlCommand('https://movies.okteto.dev/api/x?y=1#:~:okteto-divert=bob', 'alice')).toBe(
      "curl -H 'baggage: okteto-divert=alice' 'https://movies.okteto.dev/api/x?y=1'",
    );
  });

  it('quotes the URL so that a shell expands nothing in it', () => {
    expect(curlCommand("https://a.dev/it's$(rm -rf)`x`", 'alice')).toBe(
      "curl -H 'baggage: okteto-divert=alice' 'https://a.dev/it'\\''s$(rm%20-rf)%60x%60'",
    );
  });
});
