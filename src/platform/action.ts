import type { ActionLook } from '../core/tab-view';
import { browser } from './browser';

const icons = (name: 'icon' | 'icon-on') => ({ 16: `/icons/${name}-16.png`, 32: `/icons/${name}-32.png` });

/** Sets the toolbar button of one tab. A tab that closed meanwhile is not an error. */
export async function setActionLook(tabId: number, look: ActionLook): Promise<void> {
  try {
    await Promise.all([
      browser.action.setBadgeText({ tabId, text: look.text }),
      browser.action.setTitle({ tabId, title: look.title }),
      browser.action.setIcon({ tabId, path: icons(look.on ? 'icon-on' : 'icon') }),
      look.color ? browser.action.setBadgeBackgroundColor({ tabId, color: look.color }) : undefined,
    ]);
  } catch {
    // the tab is gone
  }
}

export async function openPopup(): Promise<boolean> {
  try {
    await browser.action.openPopup();
    return true;
  } catch {
    return false;
  }
}
