import { browser } from './browser';

/**
 * The URLs a tab's page has loaded (Resource Timing), read with scripting: needs access to the tab,
 * which a click on the toolbar button gives (activeTab). Empty when we may not look.
 */
export async function resourceUrls(tabId: number): Promise<string[]> {
  try {
    const [result] = await browser.scripting.executeScript({
      target: { tabId },
      func: () =>
        performance
          .getEntriesByType('resource')
          .slice(0, 1000)
          .map((e) => e.name),
    });
    return Array.isArray(result?.result) ? (result.result as string[]) : [];
  } catch {
    return [];
  }
}
