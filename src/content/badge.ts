// The page badge: a small status on diverted pages saying which namespace was asked for and which
// answered. Content script, injected only into diverted pages. No framework and no
// polyfill: it ships into every diverted page. Values are only ever set as text.
// Anyone who can deploy can write a diverted page: the badge reads no storage (its place comes in
// the background's hello reply), and its buttons obey only the user's own input events, so a
// page's script can neither read settings through it nor drive it.
import { BADGE_COLORS } from '../core/badge-colors';
import type { BadgePlace, BadgeState } from '../core/served-messages';

type Api = typeof chrome;
const api: Api = (globalThis as unknown as { browser?: Api }).browser ?? chrome;
const TAG = 'divert-switch-badge';
const MARGIN = 12;
/** The badge's own labels, from _locales (what it shows of the tab comes translated from the background). */
const words = (key: string) => api.i18n.getMessage(key) || key;

const CSS = `
:host { all: initial; }
.badge { display: flex; align-items: center; gap: 6px; font: 12px/1.3 system-ui, sans-serif; color: #f9fafb;
  background: ${BADGE_COLORS.unknown}; border: 1px solid #0003; border-radius: 16px; padding: 4px 6px 4px 4px; box-shadow: 0 2px 8px #0004;
  max-width: min(460px, calc(100vw - 24px)); user-select: none; }
.badge.match { background: ${BADGE_COLORS.match}; } .badge.mismatch { background: ${BADGE_COLORS.mismatch}; }
button { all: unset; cursor: pointer; border-radius: 10px; min-width: 18px; height: 18px; text-align: center; line-height: 18px; }
button:hover { background: #fff3; } button:focus-visible { outline: 2px solid #fff; }
.grip { cursor: grab; letter-spacing: -2px; padding: 0 2px; } .grip:active { cursor: grabbing; }
.text { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.short { display: none; font-weight: 600; }
.collapsed .text { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
.collapsed .short { display: inline; }
`;

let host: HTMLElement | undefined;
let root: ShadowRoot | undefined;
let place: BadgePlace | undefined;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls: string, text = '', label?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.className = cls;
  e.textContent = text;
  if (label) {
    e.setAttribute('aria-label', label);
    e.title = label;
  }
  return e;
}

/** Inline !important: page stylesheets cannot hide or move the host element by accident. */
function pin(e: HTMLElement, x: number | undefined, y: number | undefined) {
  const set = (k: string, v: string) => e.style.setProperty(k, v, 'important');
  set('position', 'fixed');
  set('z-index', '2147483647');
  set('display', 'block');
  set('margin', '0');
  if (x === undefined || y === undefined) {
    set('right', `${MARGIN}px`);
    set('bottom', `${MARGIN}px`);
    e.style.removeProperty('left');
    e.style.removeProperty('top');
  } else {
    const maxX = Math.max(0, innerWidth - e.offsetWidth - 4);
    const maxY = Math.max(0, innerHeight - e.offsetHeight - 4);
    set('left', `${Math.min(Math.max(0, x), maxX)}px`);
    set('top', `${Math.min(Math.max(0, y), maxY)}px`);
    set('right', 'auto');
    set('bottom', 'auto');
  }
}

function save() {
  if (!host || !place) return;
  void api.runtime.sendMessage({ type: 'divert:badge-place', ...place }).catch(() => undefined);
}

function build(): ShadowRoot {
  host = document.createElement(TAG);
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = CSS;
  const box = el('div', 'badge');
  const grip = el('button', 'grip', '⋮⋮', words('badgeMove'));
  const status = el('div', 'text');
  status.setAttribute('role', 'status');
  const short = el('span', 'short');
  short.setAttribute('aria-hidden', 'true');
  const collapse = el('button', 'collapse', '–', words('badgeCollapse'));
  const close = el('button', 'close', '×', words('badgeHide'));
  box.append(grip, status, short, collapse, close);
  shadow.append(style, box);

  collapse.addEventListener('click', (e) => {
    if (!e.isTrusted) return;
    place = { ...place, collapsed: !box.classList.contains('collapsed') };
    apply();
    save();
  });
  close.addEventListener('click', (e) => e.isTrusted && remove());
  grip.addEventListener('pointerdown', (down) => {
    if (!down.isTrusted) return;
    const el = host as HTMLElement;
    const rect = el.getBoundingClientRect();
    const dx = down.clientX - rect.left;
    const dy = down.clientY - rect.top;
    grip.setPointerCapture(down.pointerId);
    const move = (e: PointerEvent) => e.isTrusted && pin(el, e.clientX - dx, e.clientY - dy);
    const up = (e: PointerEvent) => {
      if (!e.isTrusted) return;
      grip.removeEventListener('pointermove', move);
      grip.removeEventListener('pointerup', up);
      const r = el.getBoundingClientRect();
      place = { x: Math.round(r.left), y: Math.round(r.top), collapsed: box.classList.contains('collapsed') };
      save();
    };
    grip.addEventListener('pointermove', move);
    grip.addEventListener('pointerup', up);
  });
  (document.body ?? document.documentElement).append(host);
  return shadow;
}

function apply() {
  if (!host || !root) return;
  const box = root.querySelector('.badge') as HTMLElement;
  box.classList.toggle('collapsed', !!place?.collapsed);
  const collapse = root.querySelector('.collapse') as HTMLElement;
  collapse.setAttribute('aria-expanded', String(!place?.collapsed));
  collapse.textContent = place?.collapsed ? '+' : '–';
  pin(host, place?.x, place?.y);
}

function render(state: BadgeState) {
  if (!state.show) return remove();
  root ??= build();
  const box = root.querySelector('.badge') as HTMLElement;
  box.classList.remove('match', 'mismatch', 'unknown');
  box.classList.add(state.verdict);
  const note = state.note ? ` · ${state.note}` : '';
  (root.querySelector('.text') as HTMLElement).textContent =
    `${state.line}${note}${state.warning ? ` · ⚠ ${state.warning}` : ''}`;
  const mark = state.verdict === 'match' ? ' ✓' : state.verdict === 'mismatch' ? ` → ${state.served}` : '';
  (root.querySelector('.short') as HTMLElement).textContent = `${state.requested ?? ''}${mark}`;
  apply();
}

function remove() {
  host?.remove();
  host = undefined;
  root = undefined;
}

// Injected by the background once a diverted page has loaded (and into pages open when divert is
// turned on), so it never competes with the page's own loading: run once per page.
const flag = '__divertSwitchBadge';
const seen = (globalThis as Record<string, unknown>)[flag];
(globalThis as Record<string, unknown>)[flag] = true;

if (!seen) {
  api.runtime.onMessage.addListener((message: unknown) => {
    if ((message as BadgeState | undefined)?.type === 'divert:state') render(message as BadgeState);
  });
  void start();
}

async function start() {
  const state = (await api.runtime.sendMessage({ type: 'divert:hello' })) as BadgeState | undefined;
  if (state?.type !== 'divert:state') return;
  place = state.place;
  render(state);
}

// e2e builds only: what code in this content-script world can reach of the extension's storage.
// The trust tests ask it through a DOM event (no eval: the check itself is fixed here).
if (import.meta.env.MODE === 'e2e' && !seen) {
  const tryArea = (area: 'local' | 'sync') =>
    api.storage[area].get(null).then(
      (items) => ({ items }),
      (e: Error) => ({ refused: e.message }),
    );
  document.addEventListener('divert-test:storage', () => {
    void Promise.all([tryArea('local'), tryArea('sync')]).then(([local, sync]) => {
      document.documentElement.dataset.divertTestStorage = JSON.stringify({ local, sync });
    });
  });
}
