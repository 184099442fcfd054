import { grantsDomain } from '../core/permissions';
import { planForHost } from '../core/reducer';
import { entryCovering, type Settings } from '../core/settings';
import { webHost } from '../core/tab-state';
import { openPopup } from '../platform/action';
import { browser, type Tabs } from '../platform/browser';
import { grantedOrigins } from '../platform/permissions';
import { runCommand } from './commands';
import { storedSettings } from './context';

export const TOGGLE_COMMAND = 'toggle-divert';

/** "Reload the page after a change" (on unless switched off): the page then matches the switch. */
async function reloadAfterChange(settings: Settings, tab: Tabs.Tab | undefined): Promise<void> {
  if (settings.reloadAfterChange !== false && tab?.id !== undefined) await browser.tabs.reload(tab.id).catch(() => undefined);
}

/**
 * The keyboard shortcut: flips divert for the site in `tab`. The shortcut grants activeTab, so the
 * URL is readable. Turning on a domain we have no access to needs the permission prompt, which
 * only a page can show: then the popup opens instead.
 */
export async function toggleSite(tab: Tabs.Tab | undefined): Promise<string> {
  const host = webHost(tab?.url);
  if (!host) return 'not a web page';
  const settings = await storedSettings();
  const entry = entryCovering(settings, host);
  if (entry?.enabled) {
    await runCommand({ type: 'setDomainEnabled', domain: entry.domain, enabled: false });
    await reloadAfterChange(settings, tab);
    return `off ${entry.domain}`;
  }
  const target = entry?.domain ?? planForHost(settings, host).suggested;
  if (target && grantsDomain(await grantedOrigins(), target)) {
    await runCommand({ type: 'enableForHost', host });
    await reloadAfterChange(settings, tab);
    return `on ${target}`;
  }
  await openPopup();
  return 'popup';
}
