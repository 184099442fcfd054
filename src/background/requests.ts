import { browser } from '../platform/browser';
import { canMergeHeaders, observeFetchHeaders, onFetchHeaders } from '../platform/requests';
import { keepsCookiesApart } from '../platform/tabs';
import type { KeepPageBaggage } from './keep-page-baggage';
import type { Observers, RequestSeen } from './observers';
import type { PageBaggage } from './page-baggage';
import type { Probe } from './probe';
import type { Reconciler } from './reconcile';
import type { DocumentLoad, Share } from './share';

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
 * The request events, each with one handler that hands it to its readers: non-blocking observers
 * of what left with our header and what answered (only hosts we have access to), and the page's
 * own baggage.
 */
export function wireRequests({
  forgetNavigation,
  mergeInto,
  noteNavigation,
  noticeReplaced,
  onDone,
  onFailed,
  onNavigate,
  onResponse,
  onSent,
  onShareLink,
  runProbe,
}: Pick<KeepPageBaggage, 'noticeReplaced'> &
  Pick<Observers, 'onDone' | 'onFailed' | 'onNavigate' | 'onResponse' | 'onSent'> &
  Pick<PageBaggage, 'mergeInto'> &
  Pick<Probe, 'runProbe'> &
  Pick<Reconciler, 'noteNavigation' | 'forgetNavigation'> &
  Pick<Share, 'onShareLink'>): void {
  browser.webRequest.onBeforeRequest.addListener(
    (d: { tabId: number; url: string }) => {
      if (d.tabId < 0) return;
      void onNavigate(d.tabId, d.url);
      noteNavigation(d.tabId, d.url);
    },
    { urls: ['<all_urls>'], types: ['main_frame'] },
  );
  browser.webRequest.onSendHeaders.addListener(
    (d: RequestSeen & { requestHeaders?: Headers; initiator?: string; originUrl?: string }) =>
      void onSent(d, baggageOf(d.requestHeaders), d.initiator ?? d.originUrl),
    OBSERVED,
    ['requestHeaders'],
  );
  browser.webRequest.onHeadersReceived.addListener(
    (d: RequestSeen & { statusCode?: number; responseHeaders?: Headers }) => void onResponse(d, d.responseHeaders ?? []),
    OBSERVED,
    ['responseHeaders'],
  );
  // A request done: its time for the DevTools panel's row, or answered from the cache (no namespace
  // saw it); a document arrived, which starts its probe (from the same event stream as its
  // navigation: Firefox may say a tab is complete before its onBeforeRequest) and is where a share
  // link is read (never from a URL the page changed itself).
  browser.webRequest.onCompleted.addListener((d: DocumentLoad & RequestSeen & { type: string; fromCache: boolean }) => {
    if (d.tabId < 0) return;
    void onDone(d);
    if (d.type !== 'main_frame') return;
    // The tab's URL says from now on what it shows (a 204 or a download left the old page).
    forgetNavigation(d.tabId);
    void runProbe(d.tabId, d.url, keepsCookiesApart(d.tabId));
    void onShareLink(d);
  }, OBSERVED);
  browser.webRequest.onErrorOccurred.addListener((d: RequestSeen & { error?: string; type?: string }) => {
    if (d.type === 'main_frame' && d.tabId >= 0) forgetNavigation(d.tabId);
    void onFailed(d);
  }, OBSERVED);

  // The page's own baggage: Firefox merges okteto-divert into it (a blocking listener on
  // fetch/XHR, which the rules then leave alone); Chrome can only replace it, and says which
  // members it replaced.
  if (canMergeHeaders()) onFetchHeaders(mergeInto);
  else observeFetchHeaders((request) => void noticeReplaced(request));
}
