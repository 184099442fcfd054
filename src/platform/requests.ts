import { browser } from './browser';

type Header = { name: string; value?: string };
export interface OutgoingRequest {
  tabId: number;
  url: string;
  method?: string;
  originUrl?: string;
  documentUrl?: string;
  requestHeaders?: Header[];
}
export type HeadersChange = { requestHeaders?: Header[] };

/**
 * True where this build may change request headers in a blocking webRequest listener (Firefox
 * MV3 keeps webRequestBlocking; Chrome's manifest does not ask for it).
 */
export const canMergeHeaders = (): boolean => !!browser.runtime.getManifest().permissions?.includes('webRequestBlocking');

/** A request this extension sent itself (the probe, a compare): it carries what the background set. */
export const sentByUs = (request: OutgoingRequest): boolean =>
  request.tabId < 0 && (request.originUrl ?? '').startsWith(browser.runtime.getURL(''));

/**
 * A blocking listener for the request headers of fetch/XHR (pages and workers). The browser
 * reports only requests to hosts we may access: the diverted ones, and pages the user allowed.
 */
export function onFetchHeaders(listener: (request: OutgoingRequest) => HeadersChange | Promise<HeadersChange>): void {
  browser.webRequest.onBeforeSendHeaders.addListener(
    listener as Parameters<typeof browser.webRequest.onBeforeSendHeaders.addListener>[0],
    // Firefox reports sendBeacon as its own type, and its rules leave it to this listener too
    // (measured: a beacon carried no header with the rules alone; test/e2e/kinds.spec.ts).
    { urls: ['<all_urls>'], types: ['xmlhttprequest', 'beacon'] },
    ['blocking', 'requestHeaders'],
  );
}

/** Chrome: the headers a fetch/XHR asked for, observed (not changed) before the rules apply. */
export function observeFetchHeaders(listener: (request: OutgoingRequest) => void): void {
  browser.webRequest.onBeforeSendHeaders.addListener(
    listener as Parameters<typeof browser.webRequest.onBeforeSendHeaders.addListener>[0],
    { urls: ['<all_urls>'], types: ['xmlhttprequest'] },
    ['requestHeaders'],
  );
}
