// Chrome, "Keep the page's own baggage" on: the content-script-world half of keep-page-baggage-page.ts.
// It carries that script's asks to the background and the answers back, nothing else. A page can
// send these events itself: the background takes the tab from the sender, decides the namespace
// itself, and only ever holds a rule for a request of that same tab.
(() => {
  type Api = typeof chrome;
  const api: Api = (globalThis as unknown as { browser?: Api }).browser ?? chrome;
  const FLAG = '__divertSwitchKeepBaggageBridge';
  const g = globalThis as unknown as Record<string, unknown>;
  if (g[FLAG]) return;
  g[FLAG] = true;
  const ASK = 'divert-switch:keep-page-baggage';
  const DONE = 'divert-switch:keep-page-baggage-done';

  document.addEventListener(ASK, (e) => {
    let ask: { id?: unknown; url?: unknown; method?: unknown; baggage?: unknown };
    try {
      ask = JSON.parse(String((e as CustomEvent<string>).detail));
    } catch {
      return;
    }
    if (typeof ask.id !== 'string' || !/^[a-z0-9-]{1,40}$/.test(ask.id)) return;
    const reply = (token: unknown) =>
      document.dispatchEvent(new CustomEvent(`${ASK}:${ask.id}`, { detail: typeof token === 'number' ? String(token) : '' }));
    api.runtime.sendMessage({ type: 'divert:keep-page-baggage', url: ask.url, method: ask.method, baggage: ask.baggage }).then(
      (answer: { token?: unknown } | undefined) => reply(answer?.token),
      () => reply(undefined),
    );
  });
  document.addEventListener(DONE, (e) => {
    const token = Number((e as CustomEvent<string>).detail);
    if (Number.isInteger(token))
      void api.runtime.sendMessage({ type: 'divert:keep-page-baggage-done', token }).catch(() => undefined);
  });
})();
