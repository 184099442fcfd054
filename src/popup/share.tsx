import { useState } from 'preact/hooks';
import type { Command } from '../core/messages';
import type { OktetoState } from '../core/okteto';
import { type PlaywrightScope, playwrightScript } from '../core/playwright-script';
import { curlCommand, type KnownFrom, SHARE_URL_MAX, sharedNamespace, shareLink } from '../core/share-link';
import type { SharedTab } from '../core/storage-items';
import { copy } from '../ui/copy';
import { said, t } from '../ui/i18n';
import { AnotherDevice } from './another-device';

/**
 * "Share link" (read-only, with "Copy share link"), "Copy as curl" and "Copy for Playwright" for
 * the page and the namespace its requests carry, and "Open on another device": a teammate opening
 * the link sees this page diverted the same way in that tab only; the curl command is how the
 * Divert guide tests a namespace; the Playwright script diverts a test's browser context alike.
 */
export function ShareTools({
  url,
  namespace,
  playwright,
  okteto,
}: {
  url: string;
  namespace: string;
  playwright: PlaywrightScope;
  okteto?: OktetoState;
}) {
  const [copied, setCopied] = useState<string>();
  // None for an address past SHARE_URL_MAX: the recipient's extension would refuse it.
  const link = shareLink(url, namespace);
  let field: HTMLInputElement | null = null;
  const copyThen = (text: string, said: string) => void copy(text, field).then((ok) => setCopied(ok ? said : t('copyFailed')));
  return (
    <section class="share" aria-label={t('shareSection')}>
      {link === undefined ? (
        <p class="muted">{t('shareLinkTooLong', String(SHARE_URL_MAX))}</p>
      ) : (
        <label class="field">
          {t('shareLink')}
          <input
            ref={(el) => {
              field = el;
            }}
            type="text"
            readOnly
            value={link}
            onFocus={(e) => (e.currentTarget as HTMLInputElement).select()}
          />
        </label>
      )}
      <div class="row">
        {link !== undefined && (
          <button type="button" onClick={() => copyThen(link, t('shareLinkCopied', namespace))}>
            {t('copyShareLink')}
          </button>
        )}
        <button type="button" onClick={() => copyThen(curlCommand(url, namespace), t('curlCopied'))}>
          {t('copyAsCurl')}
        </button>
        <button
          type="button"
          onClick={() => copyThen(playwrightScript(playwright), t('playwrightCopied', playwright.domains.join(', '), namespace))}
        >
          {t('copyForPlaywright')}
        </button>
      </div>
      <AnotherDevice url={url} namespace={namespace} okteto={okteto} />
      <p class="muted" aria-live="polite">
        {copied}
      </p>
    </section>
  );
}

/**
 * What became of the share link this tab was opened from: applied (the tab alone shows its
 * namespace), or ignored and why. A link never adds a domain or asks for access.
 */
export function ShareNotice({
  url,
  host,
  tabId,
  shared,
  pinned,
  divertable,
}: {
  url?: string;
  host: string;
  tabId?: number;
  shared: Record<string, SharedTab>;
  pinned?: string;
  /** The host is diverted now (covered, on, access granted, not paused). */
  divertable: boolean;
}) {
  const named = sharedNamespace(url);
  if (!named) return null;
  if (named.error !== undefined) return <p class="attention">{t('shareIgnoredBadNamespace', said(named.error))}</p>;
  const link = tabId === undefined ? undefined : shared[tabId];
  const recorded = link?.url === url && link?.namespace === named.value;
  if (recorded && link?.status === 'asking') return null; // ShareQuestion asks it, at the top
  if (recorded && link?.status === 'ignored') return <p class="entry">{t('shareIgnoredByYou', named.value)}</p>;
  if (recorded && pinned === named.value) return <p class="entry">{t('sharedHere', named.value)}</p>;
  if (recorded) return null; // the person changed this tab's namespace since: theirs stands
  return <p class="attention">{divertable ? t('shareNotLoaded', named.value) : t('shareIgnored', named.value, host)}</p>;
}

/** Where a name is known from, as the question says it ("listed by okteto.example.com as a preview"). */
const fromWhere = ({ kind, by = '' }: KnownFrom): string =>
  kind === 'preview'
    ? t('shareFromPreview', by)
    : kind === 'listed'
      ? t('shareFromListed', by)
      : kind === 'team'
        ? t('shareFromTeam', by)
        : kind === 'managed'
          ? t('shareFromManaged')
          : t('shareFromSync');

/**
 * A share link for a namespace the user never chose waits here: the popup is drawn by the
 * browser, out of any page's reach, so only this answer can pin the tab.
 */
export function ShareQuestion({
  url,
  tabId,
  shared,
  run,
}: {
  url?: string;
  tabId?: number;
  shared: Record<string, SharedTab>;
  run: (cmd: Command) => Promise<boolean>;
}) {
  const link = tabId === undefined ? undefined : shared[tabId];
  if (tabId === undefined || link?.status !== 'asking' || link.url !== url) return null;
  // Bound to what this question shows: the background refuses it when the tab's question changed since.
  const answer = (open: boolean): Command => ({ type: 'answerShareLink', tabId, open, namespace: link.namespace, url: link.url });
  return (
    <section class="question" aria-labelledby="share-question">
      <p id="share-question" class="question-line">
        <strong>{t('shareAsks', link.namespace)}</strong>
      </p>
      <p class="question-line">
        {link.preview === 'namespace'
          ? t('previewAsksNamespace', link.namespace)
          : link.preview === 'unlisted'
            ? t('previewAsksUnlisted', link.namespace)
            : link.from?.length
              ? t('shareAsksKnown', link.namespace, link.from.map(fromWhere).join('; '))
              : t('shareAsksWhy', link.namespace)}
      </p>
      <div class="row">
        <button type="button" class="primary" onClick={() => void run(answer(true))}>
          {t('shareOpen', link.namespace)}
        </button>
        <button type="button" onClick={() => void run(answer(false))}>
          {t('shareIgnore')}
        </button>
      </div>
    </section>
  );
}
