import { browser, type Tabs } from '../platform/browser';
import { canMergeHeaders, observeFetchHeaders, onFetchHeaders } from '../platform/requests';
import { noticeReplaced } from './keep-page-baggage';
import { onCached, onNavigate, onResponse, onSent } from './observers';
import { mergeInto } from './page-baggage';
import { runProbe } from './probe';
import { noteNavigation } from './reconcile';
import { type DocumentLoad, onShareLink } from './share';

type Headers = { name: string; value?: string }[];
const baggageOf = (headers?: Headers) => headers?.find((h) => h.name.toLowerCase() === 'baggage')?.value;
// Documents, API calls, WebSockets and event streams ('other': EventSource, beacons of old) only:
// they say which namespace answered and whether our header left. Images, scripts and the like
// would only cost an event each (npm run bench: request overhead).
const OBSERVED: Parameters<typeof browser.webRequest.onSendHeaders.addListener>[1] = {
  urls: ['<all_urls>'],
  types: ['main_frame', 'sub_frame', 'xmlhttprequest', 'websocket', 'other'],
};
/**
 * A private window or a Firefox container keeps cookies apart from the regular profile; the probe,
 * sent from the background, would carry the regular profile's cookies, so it sends none there.
 */
const separateCookies = (tab: Tabs.Tab) =>
  tab.incognito || (tab.cookieStoreId !== undefined && tab.cookieStoreId !== 'firefox-default');

/**
 * The request events, each with one handler that hands it to its readers: non-blocking observers
 * of what left with our header and what answered (only hosts we have access to), and the page's
 * own baggage.
 */
export function wireRequests(): void {
  browser.webRequest.onBeforeRequest.addListener(
    (d: { tabId: number; url: string }) => {
      if (d.tabId < 0) return;
      void onNavigate(d.tabId, d.url);
      noteNavigation(d.tabId, d.url);
    },
    { urls: ['<all_urls>'], types: ['main_frame'] },
  );
  browser.webRequest.onSendHeaders.addListener(
    (d: { tabId: number; url: string; requestId: string; requestHeaders?: Headers; initiator?: string; originUrl?: string }) =>
      void onSent(d.tabId, d.url, baggageOf(d.requestHeaders), d.requestId, d.initiator ?? d.originUrl),
    OBSERVED,
    ['requestHeaders'],
  );
  browser.webRequest.onHeadersReceived.addListener(
    (d: { tabId: number; url: string; requestId: string; responseHeaders?: Headers }) =>
      void onResponse(d.tabId, d.url, d.responseHeaders ?? [], d.requestId),
    OBSERVED,
    ['responseHeaders'],
  );
  // A request done: answered from the cache (no namespace saw it); a document arrived, which starts
  // its probe (from the same event stream as its navigation: Firefox may say a tab is complete before
  // its onBeforeRequest) and is where a share link is read (never from a URL the page changed itself).
  browser.webRequest.onCompleted.addListener((d: DocumentLoad & { type: string; fromCache: boolean }) => {
    if (d.tabId < 0) return;
    if (d.fromCache) void onCached(d.tabId, d.url);
    if (d.type !== 'main_frame') return;
    void runProbe(
      d.tabId,
      d.url,
      browser.tabs.get(d.tabId).then(separateCookies, () => true),
    );
    void onShareLink(d);
  }, OBSERVED);

  // The page's own baggage: Firefox merges okteto-divert into it (a blocking listener on
  // fetch/XHR, which the rules then leave alone); Chrome can only replace it, and says which
  // members it replaced.
  if (canMergeHeaders()) onFetchHeaders(mergeInto);
  else observeFetchHeaders((request) => void noticeReplaced(request));
}
