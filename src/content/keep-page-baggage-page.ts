// Chrome, "Keep the page's own baggage" on: runs in the page's own world (MAIN) on diverted hosts
// and granted calling pages, at document start. Chrome's declarativeNetRequest can only set
// `baggage`, so a fetch/XHR that carries the page's own baggage would lose it. Before such a
// request leaves, this asks the background (through the bridge in the content-script world) to
// hold a rule for exactly that request (its tab, method and URL) whose value is the page's baggage
// with okteto-divert set in it; once the request has left, the rule is let go.
//
// What this script does not do, by design:
// - It adds no header. Requests without baggage of their own are left to the domain rules as
//   before, so no request gets a CORS preflight it did not already have.
// - It reads no settings and knows no namespace: the background decides every request, as it
//   decides Firefox's (background/page-baggage.ts). The page sees only its own request going out.
// - When the background does not answer (or says no), the request goes as it would without the
//   switch: the domain rule still sets okteto-divert, so no request ever loses it.
// Workers run no content script: their requests keep the replace-and-say behaviour.
(() => {
  const FLAG = '__divertSwitchKeepBaggage';
  const w = window as unknown as Record<string, unknown>;
  if (w[FLAG]) return;
  w[FLAG] = true;

  /** How long a request waits for the background before it leaves unmerged. */
  const WAIT_MS = 1000;
  const ASK = 'divert-switch:keep-page-baggage';
  const DONE = 'divert-switch:keep-page-baggage-done';
  let counter = 0;

  const target = (url: string | URL): string | undefined => {
    try {
      const u = new URL(String(url), document.baseURI);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
      u.hash = '';
      return u.href;
    } catch {
      return undefined;
    }
  };

  /** Resolves to a token to let go of once the request left, or undefined (go without a merge). */
  const ask = (url: string, method: string, baggage: string): Promise<number | undefined> =>
    new Promise((resolve) => {
      const id = `${Date.now().toString(36)}-${++counter}`;
      const reply = `${ASK}:${id}`;
      const timer = setTimeout(() => finish(undefined), WAIT_MS);
      function finish(token: number | undefined) {
        clearTimeout(timer);
        document.removeEventListener(reply, onReply);
        resolve(token);
      }
      function onReply(e: Event) {
        const token = Number((e as CustomEvent<string>).detail);
        finish(Number.isInteger(token) && token > 0 ? token : undefined);
      }
      document.addEventListener(reply, onReply);
      document.dispatchEvent(new CustomEvent(ASK, { detail: JSON.stringify({ id, url, method, baggage }) }));
    });
  const letGo = (token: number | undefined) => {
    if (token !== undefined) document.dispatchEvent(new CustomEvent(DONE, { detail: String(token) }));
  };

  const originalFetch = window.fetch;
  window.fetch = function fetch(this: unknown, input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const request = input instanceof Request ? input : undefined;
    const headers = new Headers(init?.headers ?? request?.headers);
    const baggage = headers.get('baggage');
    const url = baggage === null ? undefined : target(request ? request.url : (input as string | URL));
    if (baggage === null || url === undefined) return originalFetch.call(this, input, init);
    const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
    return ask(url, method, baggage).then((token) => {
      const sent = originalFetch.call(this, input, init);
      // The headers have left once the response (or an error) arrived.
      sent.then(
        () => letGo(token),
        () => letGo(token),
      );
      return sent;
    });
  };

  interface Pending {
    url?: string;
    method: string;
    async: boolean;
    baggage?: string;
    aborted?: boolean;
  }
  const xhrs = new WeakMap<XMLHttpRequest, Pending>();
  const proto = XMLHttpRequest.prototype;
  const { open, setRequestHeader, send, abort } = proto;
  proto.open = function (this: XMLHttpRequest, method: string, url: string | URL, async?: boolean, ...rest: unknown[]) {
    xhrs.set(this, { url: target(url), method: String(method).toUpperCase(), async: async !== false });
    return (open as (...a: unknown[]) => void).call(this, method, url, async ?? true, ...rest);
  } as typeof proto.open;
  proto.setRequestHeader = function (this: XMLHttpRequest, name: string, value: string) {
    setRequestHeader.call(this, name, value);
    const p = xhrs.get(this);
    // As the browser combines them: repeated values are joined with ", ".
    if (p && String(name).toLowerCase() === 'baggage')
      p.baggage = p.baggage === undefined ? String(value) : `${p.baggage}, ${value}`;
  };
  proto.abort = function (this: XMLHttpRequest) {
    const p = xhrs.get(this);
    if (p) p.aborted = true;
    abort.call(this);
  };
  proto.send = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
    const p = xhrs.get(this);
    // A synchronous XHR cannot wait for the background: it goes as without the switch.
    if (!p?.url || p.baggage === undefined || !p.async) return send.call(this, body);
    const { url, method, baggage } = p;
    xhrs.delete(this);
    void ask(url, method, baggage).then((token) => {
      if (p.aborted) return letGo(token);
      this.addEventListener('loadend', () => letGo(token), { once: true });
      try {
        send.call(this, body);
      } catch {
        letGo(token);
      }
    });
  };
})();
