import { grantsDomain } from '../core/permissions';
import { planForHost } from '../core/reducer';
import { entryCovering } from '../core/settings';
import { webHost } from '../core/url';
import { openPopup } from '../platform/action';
import type { Tabs } from '../platform/browser';
import { grantedOrigins } from '../platform/permissions';
import type { Commands } from './commands';
import type { ContextCache } from './context';

export const TOGGLE_COMMAND = 'toggle-divert';

/** The keyboard shortcut. */
export function createShortcut({
  runCommand,
  storedSettings,
}: Pick<Commands, 'runCommand'> & Pick<ContextCache, 'storedSettings'>) {
  /**
   * The keyboard shortcut: flips divert for the site in `tab`. The shortcut grants activeTab, so the
   * URL is readable. Turning on a domain we have no access to needs the permission prompt, which
   * only a page can show: then the popup opens instead.
   */
  async function toggleSite(tab: Tabs.Tab | undefined): Promise<string> {
    const host = webHost(tab?.url);
    if (!host) return 'no web page';
    const settings = await storedSettings();
    const entry = entryCovering(settings, host);
    if (entry?.enabled) {
      await runCommand({ type: 'setDomainEnabled', domain: entry.domain, enabled: false, actingTab: tab?.id });
      return `off ${entry.domain}`;
    }
    const target = entry?.domain ?? planForHost(host).suggested;
    if (target && grantsDomain(await grantedOrigins(), target)) {
      await runCommand({ type: 'enableForHost', host, actingTab: tab?.id });
      return `on ${target}`;
    }
    await openPopup();
    return 'popup';
  }
  return { toggleSite };
}
