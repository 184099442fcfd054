import { browser } from './browser';

type DevTools = {
  inspectedWindow: { tabId: number };
  panels: { create: (title: string, icon: string, page: string) => unknown };
};
const devtools = () => (browser as unknown as { devtools?: DevTools }).devtools;

/** The tab DevTools inspects, in a DevTools page or panel; undefined anywhere else. */
export const inspectedTabId = (): number | undefined => devtools()?.inspectedWindow.tabId;

/** Adds a panel to the inspected tab's DevTools (a devtools_page only). */
export function createPanel(title: string, icon: string, page: string): void {
  void devtools()?.panels.create(title, icon, page);
}
