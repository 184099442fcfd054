import { beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS } from '../../dev/harness/browsers';
import { type Tab, type Ui, until } from '../../dev/harness/driver';
import { FRONTEND, lastMain, loadResources, reloadedBy, TEST_DOMAIN, useBrowser } from './helpers';

describe.each(BROWSERS)('%s: presets, overrides, tab pins, shortcut', (_name, launch) => {
  const env = useBrowser(launch);
  let app: Tab;
  let options: Ui;

  const headerOn = async (tab: Tab) => {
    await tab.reload();
    return lastMain(env.sandbox, FRONTEND).headers.baggage;
  };

  beforeAll(async () => {
    app = await env.driver.open(env.sandbox.url(FRONTEND));
    options = await env.driver.options();
  });

  it('adds, renames, reorders and removes presets on the options page', async () => {
    for (const [ns, label] of [
      ['staging', 'Shared staging'],
      ['alice', 'Alice'],
      ['bob-feature', 'Bob'],
      ['tmp', ''],
    ]) {
      await options.type('textbox', 'Preset namespace', ns);
      await options.type('textbox', 'Preset label', label);
      await options.click('button', 'Add preset');
      await until(() => options.exists('button', `Remove preset ${ns}`), `preset ${ns}`);
    }
    await options.type('textbox', 'Preset namespace', 'Not_Valid');
    await options.click('button', 'Add preset');
    expect(await options.waitText('alert', 'not a valid namespace')).toContain('lowercase');

    await options.type('textbox', 'Label for bob-feature', 'Bob (feature branch)');
    await options.click('button', 'Move bob-feature up');
    await options.click('button', 'Remove preset tmp');
    await until(async () => !(await options.exists('button', 'Remove preset tmp')), 'tmp removed');
    const popup = await env.driver.popup(app);
    await popup.click('combobox', 'Namespace');
    await until(() => popup.exists('option', 'bob-feature Bob (feature branch)'), 'renamed preset offered');
    await popup.close();
  });

  it('picks a preset from the Namespace list and types a new namespace', async () => {
    const popup = await env.driver.popup(app);
    await popup.type('combobox', 'Namespace', 'ali');
    await popup.click('option', 'alice Alice');
    // Each change reloads the tab ("Reload the page after a change"), which then carries it.
    await reloadedBy(app, async () => {
      await popup.click('switch', 'Divert this site');
      await popup.waitText('status', 'okteto-divert=alice');
    });
    expect(lastMain(env.sandbox, FRONTEND).headers.baggage).toBe('okteto-divert=alice');

    await reloadedBy(app, async () => {
      await popup.type('combobox', 'Namespace', 'carol-new', true);
      await popup.waitText('status', 'okteto-divert=carol-new');
    });
    expect(lastMain(env.sandbox, FRONTEND).headers.baggage).toBe('okteto-divert=carol-new');
    // remembered as recent
    await popup.type('combobox', 'Namespace', 'caro');
    expect(await popup.exists('option', 'carol-new recent')).toBe(true);
    await popup.close();
  });

  it('sends one domain to its own namespace while the others follow the default', async () => {
    await options.type('textbox', 'Domain', 'other.example.org');
    await options.click('button', 'Add domain');
    await until(() => options.exists('textbox', 'Namespace for other.example.org'), 'new domain');
    await options.type('textbox', 'Namespace for other.example.org', 'bob-feature', true);
    await until(async () => (await env.driver.rules()).dynamic.length === 2, 'two namespace rules');
    const { main } = await loadResources(env.driver, env.sandbox, 'other.example.org', [FRONTEND]);
    expect(main.at(-1)?.headers.baggage).toBe('okteto-divert=bob-feature');
    expect(await headerOn(app)).toBe('okteto-divert=carol-new');

    await options.type('textbox', 'Namespace for other.example.org', 'Bad Name', true);
    expect(await options.waitText('alert', 'not a valid namespace')).toBeTruthy();
    await options.type('textbox', 'Namespace for other.example.org', '', true);
    await until(async () => (await env.driver.rules()).dynamic.length === 1, 'override cleared');
    await options.click('button', 'Remove other.example.org');
  });

  it('pins a namespace to one tab: two tabs on the same host compare staging and alice', async () => {
    const popup = await env.driver.popup(app);
    await reloadedBy(app, async () => {
      await popup.type('combobox', 'Namespace', 'staging', true);
      await popup.waitText('status', 'okteto-divert=staging');
    });
    await popup.close();

    // Distinct URLs: the harness finds a tab's id by its URL.
    const tabA = await env.driver.open(env.sandbox.url(FRONTEND, '/?tab=a'));
    const tabB = await env.driver.open(env.sandbox.url(FRONTEND, '/?tab=b'));
    const popupA = await env.driver.popup(tabA);
    await popupA.click('checkbox', 'This tab only');
    // Tab A reloads by itself with its own namespace; tab B is left as it was, and reloaded here.
    await reloadedBy(tabA, async () => {
      await popupA.type('combobox', 'Namespace', 'alice', true);
      await popupA.waitText('status', 'okteto-divert=alice in this tab');
    });
    await popupA.close();
    expect((await env.driver.rules()).session).toHaveLength(1);

    expect(await tabA.textOf('#catalog-ns')).toBe('alice');
    await tabB.reload();
    expect(await tabB.textOf('#catalog-ns')).toBe('staging');
    expect(lastMain(env.sandbox, FRONTEND, '/?tab=a').headers.baggage).toBe('okteto-divert=alice');
    expect(lastMain(env.sandbox, FRONTEND, '/?tab=b').headers.baggage).toBe('okteto-divert=staging');
    let titleA = '';
    await until(async () => {
      titleA = (await env.driver.badge(tabA)).title;
      return titleA.includes('okteto-divert=alice (this tab only)');
    }, 'tab A title').catch((e: Error) => {
      throw new Error(`${e.message}: it says "${titleA}"`);
    });
    await until(async () => (await env.driver.badge(tabB)).text === 'sta…', 'tab B badge');

    await tabA.close();
    await until(async () => (await env.driver.rules()).session.length === 0, 'pin gone with its tab');
    await tabB.close();
  });

  it('"This tab only" then a namespace at once: it goes to this tab, even while the background is slow to answer', async () => {
    // As right after a browser start: the pin the box asked for has not come back when Enter is pressed.
    const tab = await env.driver.open(env.sandbox.url(FRONTEND, '/?tab=slow'));
    const id = await env.driver.tabId(tab);
    const popup = await env.driver.popup(tab);
    expect(await env.driver.command('test:hold-queue:1500', tab)).toBe('held');
    await reloadedBy(tab, async () => {
      await popup.click('checkbox', 'This tab only');
      await popup.type('combobox', 'Namespace', 'bob', true);
      await until(
        async () => ((await env.driver.session('pins')) as Record<number, string> | undefined)?.[id] === 'bob',
        'the pin',
      );
    });
    expect(((await env.driver.stored('settings')) as { activeNamespace: string }).activeNamespace).toBe('staging');
    await popup.waitText('status', 'okteto-divert=bob in this tab');
    await popup.close();
    await tab.close();
  });

  it('pauses and resumes from the popup', async () => {
    const popup = await env.driver.popup(app);
    await popup.click('switch', 'Pause');
    await popup.waitText('status', 'Paused');
    expect(await headerOn(app)).toBeUndefined();
    expect((await env.driver.badge(app)).text).toBe('');
    await popup.click('button', 'Resume');
    await popup.waitText('status', 'okteto-divert=staging');
    expect(await headerOn(app)).toBe('okteto-divert=staging');
    await popup.close();
  });

  it('the keyboard shortcut toggles divert for the current site', async () => {
    // Each toggle reloads the tab ("Reload the page after a change"), which then shows it.
    expect(await reloadedBy(app, () => env.driver.command('toggle-divert', app))).toBe(`off ${TEST_DOMAIN}`);
    expect(lastMain(env.sandbox, FRONTEND).headers.baggage).toBeUndefined();
    expect((await env.driver.badge(app)).text).toBe('');
    expect(await reloadedBy(app, () => env.driver.command('toggle-divert', app))).toBe(`on ${TEST_DOMAIN}`);
    expect(lastMain(env.sandbox, FRONTEND).headers.baggage).toBe('okteto-divert=staging');
  });
});
