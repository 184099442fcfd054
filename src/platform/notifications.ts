import { browser } from './browser';

type Notifications = {
  create(id: string, options: Record<string, unknown>): Promise<string>;
  onClicked: { addListener(cb: (id: string) => void): void };
  onButtonClicked?: { addListener(cb: (id: string, button: number) => void): void };
};
/** Present only once the optional `notifications` permission is granted. */
const api = () => (browser as unknown as { notifications?: Notifications }).notifications;

export const canNotify = async (): Promise<boolean> =>
  !!api() && (await browser.permissions.contains({ permissions: ['notifications'] }).catch(() => false));

/**
 * What was notified since the worker started (the last 50), for the e2e hooks: a headless Firefox
 * closes its notifications at once. Kept in e2e builds only: a shipped build keeps no list.
 */
const created: { id: string; message: string }[] = [];
export const notified = (): readonly { id: string; message: string }[] => created;

/**
 * A browser notification with at most one button. Firefox shows no buttons: there a click on the
 * notification itself does what the button says, and `clickTo` ends the message to say so.
 */
export async function notify(id: string, message: string, button?: string, clickTo?: string): Promise<void> {
  const n = api();
  if (!n) return;
  const base = { type: 'basic', iconUrl: browser.runtime.getURL('icons/icon-128.png'), title: 'Divert Switch', message };
  // Firefox throws at once for `buttons` (it has the event, not the feature).
  const create = (options: Record<string, unknown>) =>
    Promise.resolve()
      .then(() => n.create(id, options))
      .then(Boolean, () => false);
  const withButton = button !== undefined && (await create({ ...base, buttons: [{ title: button }] }));
  const plain = { ...base, message: clickTo ? `${message} ${clickTo}` : message };
  if (!withButton && !(await create(plain))) return;
  if (import.meta.env.MODE !== 'e2e') return;
  // Oldest first; the oldest goes when 50 are kept.
  created.push({ id, message: withButton ? message : plain.message });
  if (created.length > 50) created.shift();
}

/** One handler for a click on a notification or its button; wired once the permission exists. */
export function onNotificationAction(handler: (id: string) => void): void {
  let wired = false;
  const wire = () => {
    const n = api();
    if (wired || !n) return;
    wired = true;
    n.onClicked.addListener(handler);
    n.onButtonClicked?.addListener((id) => handler(id));
  };
  wire();
  browser.permissions.onAdded.addListener(wire);
}
