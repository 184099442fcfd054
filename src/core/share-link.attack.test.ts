import { afterEach, describe, expect, it, vi } from 'vitest';
import { SHARE_URL_MAX, sharedNamespace, shareLink, withoutShare } from './share-link';

// Attack review s12 (the share link's whole-name check, 7167528). Failed at 7167528, passes since 822ca8c: the length
// check runs only after the whole fragment is split at every '&', so the limit bounds the namespace
// rule's work but not the work before it. A page on a diverted host sends its tab (a document load,
// or history.replaceState for the popup) to a URL of up to 2 MiB whose fragment is `:~:` and a
// million '&': each document load costs the background a split into a million strings (0.3-1 s in
// Node here; in Firefox the background's blocking listener waits meanwhile), and every popup
// render pays it three times over (ShareNotice, ShareTools' shareLink → withoutShare).

/** The longest string split at '&' while `run` runs. */
function longestSplit(run: () => unknown): number {
  const split = vi.spyOn(String.prototype, 'split');
  try {
    run();
    return Math.max(0, ...split.mock.contexts.map((s) => String(s).length));
  } finally {
    split.mockRestore();
  }
}

const flood = `https://a.dev/p#:~:okteto-divert=alice&${'a&'.repeat(1_000_000)}`;

describe('share links past SHARE_URL_MAX (attack review s12)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('a link past SHARE_URL_MAX is refused before its directives are read: no work on more than the limit', () => {
    expect(flood.length).toBeGreaterThan(2_000_000);
    expect(sharedNamespace(flood)?.error?.key).toBe('shareUrlTooLong');
    const longest = longestSplit(() => sharedNamespace(flood));
    expect(longest).toBeLessThanOrEqual(SHARE_URL_MAX);
  });

  it("the popup's share link for a page URL past SHARE_URL_MAX splits nothing longer than the limit (the link would be refused where it opens)", () => {
    expect(longestSplit(() => shareLink(flood, 'bob'))).toBeLessThanOrEqual(SHARE_URL_MAX);
    expect(shareLink(flood, 'bob')).toBeUndefined();
  });

  it('the limit is 8,192 characters exactly: a URL that long is read, split and linked as any other', () => {
    const at = (tail: string) => {
      const head = 'https://a.dev/p?q=';
      return `${head}${'a'.repeat(SHARE_URL_MAX - head.length - tail.length)}${tail}`;
    };
    const limit = at('#top:~:text=x&okteto-divert=bob');
    expect(limit).toHaveLength(SHARE_URL_MAX);
    expect(withoutShare(limit)).toBe(limit.replace('&okteto-divert=bob', ''));
    expect(shareLink(at(''), 'bob')).toBe(`${at('')}#:~:okteto-divert=bob`);
    // Past it, '&okteto-divert=' outside a ':~:' directive is no share link either.
    const notOurs = `${at('')}a#x&okteto-divert=bob`;
    expect(sharedNamespace(notOurs)).toBeUndefined();
    expect(withoutShare(notOurs)).toBe(notOurs);
  });

  it('withoutShare (Open diverted to, another device) splits nothing past the limit, and still takes our directive out', () => {
    expect(longestSplit(() => withoutShare(flood))).toBeLessThanOrEqual(SHARE_URL_MAX);
    // Every directive goes with ours there; a long URL with none of ours keeps its fragment.
    expect(withoutShare(flood)).toBe('https://a.dev/p');
    const padded = `https://a.dev/p?q=${'a'.repeat(SHARE_URL_MAX)}`;
    expect(withoutShare(`${padded}#top:~:text=x&okteto-divert=bob`)).toBe(`${padded}#top`);
    expect(withoutShare(`${padded}#top:~:text=x`)).toBe(`${padded}#top:~:text=x`);
    expect(withoutShare(`${padded}#:~:okteto-divert=bob`)).toBe(padded);
  });
});
