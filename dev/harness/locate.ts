/**
 * Finds an element by role and accessible name inside the page (Firefox has no getByRole over
 * BiDi). Serialized into the page by evaluate, so it must not use anything from outside itself.
 * Covers what our pages use: role attributes, implicit roles of inputs/buttons, label[for],
 * wrapping labels, aria-label and aria-labelledby.
 */
export function locate(role: string, name: string | null, mark: string): boolean {
  const implicit = (el: Element): string | null => {
    const tag = el.tagName.toLowerCase();
    if (tag === 'button') return 'button';
    if (tag === 'select') return 'combobox';
    if (tag === 'a' && el.hasAttribute('href')) return 'link';
    if (tag === 'input') {
      const type = (el.getAttribute('type') ?? 'text').toLowerCase();
      if (type === 'checkbox') return 'checkbox';
      if (type === 'file') return 'file';
      if (type === 'radio') return 'radio';
      if (type === 'button' || type === 'submit') return 'button';
      if (['text', 'url', 'search', 'email', 'tel', 'password', ''].includes(type)) return 'textbox';
    }
    if (tag === 'output') return 'status';
    if (tag === 'tr') return 'row';
    if (tag === 'section' && (el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby'))) return 'region';
    return null;
  };
  const text = (el: Element | null) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const nameOf = (el: Element): string => {
    const label = el.getAttribute('aria-label');
    if (label) return label.trim();
    const by = el.getAttribute('aria-labelledby');
    if (by)
      return by
        .split(/\s+/)
        .map((id) => text(document.getElementById(id)))
        .join(' ');
    if (el.id) {
      const forLabel = document.querySelector(`label[for="${CSS.escape(el.id)}"]`);
      if (forLabel) return text(forLabel);
    }
    const wrapping = el.closest('label');
    if (wrapping) return text(wrapping);
    return text(el);
  };
  const visible = (el: Element) => !el.closest('[hidden]') && (el as HTMLElement).getClientRects().length > 0;
  const roots: (Document | ShadowRoot)[] = [document];
  const all: Element[] = [];
  while (roots.length) {
    const root = roots.pop() as Document | ShadowRoot;
    for (const el of root.querySelectorAll('*')) {
      all.push(el);
      if (el.shadowRoot) roots.push(el.shadowRoot);
    }
  }
  for (const el of document.querySelectorAll(`[data-e2e="${mark}"]`)) el.removeAttribute('data-e2e');
  const found = all.find(
    (el) => (el.getAttribute('role') ?? implicit(el)) === role && (name === null || nameOf(el) === name) && visible(el),
  );
  found?.setAttribute('data-e2e', mark);
  return !!found;
}
