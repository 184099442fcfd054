import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inEnglish } from '../../test/fixtures/words';
import { DEFAULTS, type Settings } from './settings';
import {
  choseHere,
  chosenBefore,
  curlCommand,
  knownFrom,
  ownNames,
  SHARE_URL_MAX,
  sharedNamespace,
  shareLink,
  withoutShare,
} from './share-link';

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
      expect(shareLink(link ?? '', 'alice')).toBe(link);
    }
  });

  it('read back the namespace they carry, whatever the URL around it', () => {
    fc.assert(
      fc.property(url, namespace, (u, ns) => {
        expect(sharedNamespace(shareLink(u, ns))).toEqual({ value: ns });
        // The link to a link's page is the same link.
        expect(shareLink(shareLink(u, ns) ?? '', ns)).toBe(shareLink(u, ns));
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

  it('says the method: none for GET, -I for HEAD, -X for the others, quoted', () => {
    const cmd = (m: string) => curlCommand('https://a.dev/x', 'alice', m);
    expect(cmd('HEAD')).toBe("curl -I -H 'baggage: okteto-divert=alice' 'https://a.dev/x'");
    expect(cmd('POST')).toBe("curl -X 'POST' -H 'baggage: okteto-divert=alice' 'https://a.dev/x'");
    expect(cmd("P'T")).toBe("curl -X 'P'\\''T' -H 'baggage: okteto-divert=alice' 'https://a.dev/x'");
  });

  it('quotes the URL so that a shell expands nothing in it', () => {
    expect(curlCommand("https://a.dev/it's$(rm -rf)`x`", 'alice')).toBe(
      "curl -H 'baggage: okteto-divert=alice' 'https://a.dev/it'\\''s$(rm%20-rf)%60x%60'",
    );
  });
});

// Each case below stands on a line the mutation tests (docs/mutation.md) showed no test stood on.
describe('share links, case by case', () => {
  const settings = (over: Partial<Settings> = {}): Settings => ({ ...structuredClone(DEFAULTS), ...over });

  it('leave the page’s other directives, and no bare "#", when the share directive goes', () => {
    expect(withoutShare('https://a.dev/p#:~:okteto-divert=bob')).toBe('https://a.dev/p');
    expect(withoutShare('https://a.dev/p#top:~:text=x&okteto-divert=bob')).toBe('https://a.dev/p#top:~:text=x');
    expect(withoutShare('https://a.dev/p#top')).toBe('https://a.dev/p#top');
    // A '#' the page's own fragment ends with stays (only an emptied hash's bare '#' goes).
    expect(withoutShare('https://a.dev/p#a#')).toBe('https://a.dev/p#a#');
    expect(withoutShare('https://a.dev/p#a#:~:okteto-divert=bob')).toBe('https://a.dev/p#a#');
    // Empty directives go; the ones left keep their '&'.
    expect(withoutShare('https://a.dev/p#:~:&&okteto-divert=bob&')).toBe('https://a.dev/p');
    expect(withoutShare('https://a.dev/p#:~:text=a&okteto-divert=bob&text=c')).toBe('https://a.dev/p#:~:text=a&text=c');
    // A page fragment ending in ':~' keeps its text, with the '~' percent-encoded.
    expect(shareLink('https://a.dev/p#x:~', 'bob')).toBe('https://a.dev/p#x:%7E:~:okteto-divert=bob');
    expect(withoutShare('mailto:x@a.dev')).toBe('mailto:x@a.dev');
    expect(shareLink('not a url', 'bob')).toBe('not a url');
    expect(shareLink('https://me:secret@a.dev/p', 'bob')).toBe('https://a.dev/p#:~:okteto-divert=bob');
  });

  it('the first okteto-divert directive counts, read whole, in a URL of at most SHARE_URL_MAX characters', () => {
    expect(sharedNamespace('https://a.dev/#:~:okteto-divert=alice&okteto-divert=bob')).toEqual({ value: 'alice' });
    expect(sharedNamespace(`https://a.dev/#:~:okteto-divert=${'a'.repeat(150)}`)?.error).toBeDefined();
    // The rule trims: a name cut short before it would lose the 'x' and read 'alice'.
    expect(sharedNamespace(`https://a.dev/#:~:okteto-divert=alice${'%20'.repeat(100)}x`)?.error).toBeDefined();
    const at = (n: number) => `https://a.dev/?p=${'a'.repeat(n)}#:~:okteto-divert=alice`;
    const limit = at(SHARE_URL_MAX - at(0).length);
    expect(limit).toHaveLength(SHARE_URL_MAX);
    expect(sharedNamespace(limit)).toEqual({ value: 'alice' });
    expect(sharedNamespace(`${limit}x`)?.error).toBeDefined();
    expect(sharedNamespace('https://a.dev/#:~:okteto-divert=%61lice')).toEqual({ value: 'alice' });
    expect(sharedNamespace(`https://a.dev/#:~:okteto-divert=alice&x=${'a'.repeat(SHARE_URL_MAX)}`)?.error).toBeDefined();
  });

  it('your own names: the saved one, your domains’ and presets’, the recent ones; never a team’s or the policy’s', () => {
    const s = settings({
      activeNamespace: 'saved',
      domains: [
        { domain: 'a.example.com', enabled: true, namespace: 'dom' },
        { domain: 'b.example.com', enabled: true, namespace: 'team-dom', team: 'movies' },
        { domain: 'c.example.com', enabled: true },
      ],
      presets: [{ namespace: 'mine' }, { namespace: 'policy', managed: true }],
      recent: ['recent'],
    });
    expect([...ownNames(s)].sort()).toEqual(['dom', 'mine', 'recent', 'saved']);
    expect([...ownNames(settings())]).toEqual([]);
  });

  it('chosen here: what a command here added to your own names, while your settings still hold it', () => {
    const before = settings({ recent: ['old'] });
    const after = settings({ activeNamespace: 'new', recent: ['old', 'zed'] });
    expect(choseHere(before, after, ['gone', 'old', 'old'])).toEqual(['new', 'old', 'zed']);
    // A name the settings held before the command was not chosen by it.
    expect(choseHere(before, after, [])).toEqual(['new', 'zed']);
    expect(chosenBefore(after, ['zed'], 'zed')).toBe(true);
    expect(chosenBefore(after, [], 'zed')).toBe(false); // synced in, never chosen here
    expect(chosenBefore(after, ['gone'], 'gone')).toBe(false); // chosen once, no longer yours
  });

  it('says where a name a link asks for is known from', () => {
    const s = settings({
      recent: ['pr-1'],
      presets: [
        { namespace: 'pr-1', team: 'movies' },
        { namespace: 'pr-1', team: 'movies', managed: true },
      ],
      domains: [{ domain: 'a.example.com', enabled: true, namespace: 'pr-1', team: 'books' }],
    });
    const instances = [
      { url: 'https://okteto.example.com', namespaces: ['pr-1'], previews: { 'pr-1': {} } },
      { url: 'not a url', namespaces: ['pr-1'] },
      { url: 'https://other.example.com', namespaces: ['alice'] },
      { url: `bad ${'x'.repeat(200)}`, namespaces: ['pr-1'] },
    ];
    // An entry for another name, or one of your own, is no team's.
    s.presets.push({ namespace: 'pr-2', team: 'films' }, { namespace: 'pr-1' });
    expect(knownFrom(s, instances, [], 'pr-1')).toEqual([
      { kind: 'preview', by: 'okteto.example.com' },
      { kind: 'listed', by: 'not a url' },
      { kind: 'listed', by: `bad ${'x'.repeat(96)}` }, // a name, never a page of text
      { kind: 'team', by: 'movies' },
      { kind: 'team', by: 'books' },
      { kind: 'managed' },
      { kind: 'sync' },
    ]);
    expect(knownFrom(s, instances, ['pr-1'], 'pr-1').map((k) => k.kind)).not.toContain('sync');
    expect(knownFrom(settings(), instances, [], 'nobody')).toEqual([]);
  });
});
