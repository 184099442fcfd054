import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS } from '../../dev/harness/browsers';
import { type Tab, type Ui, until } from '../../dev/harness/driver';
import { startOktetoApi } from '../../dev/sandbox/okteto-api';
import { divertApp, TEST_DOMAIN, useBrowser } from './helpers';
import { connectOkteto } from './okteto-stand-in';

// A consultant's two Okteto instances: the movies team's (okteto.example.com) and a customer's
// (other.example.org), each with its own token.
const DEV_TOKEN = 'okteto-pat-dev-0123456789';
const SHOP_TOKEN = 'okteto-pat-shop-9876543210';
// The shop's own endpoint: an instance at an IP (the stand-ins are) claims its endpoints' exact hosts only.
const SHOP = 'shop-ci.other.example.org';
type StandIn = Awaited<ReturnType<typeof startOktetoApi>>;

/** The Okteto namespaces the popup offers for a tab (typing "okteto" lists them all). */
async function offered(popup: Ui, names: string[]): Promise<Record<string, boolean>> {
  await popup.type('combobox', 'Namespace', 'okteto');
  const out: Record<string, boolean> = {};
  for (const n of names) out[n] = await popup.exists('option', `${n} Okteto`);
  return out;
}

describe.each(BROWSERS)('%s: several Okteto instances', (_name, launch) => {
  const env = useBrowser(launch);
  let dev: StandIn;
  let shop: StandIn;
  let app: Tab;
  let store: Tab;

  beforeAll(async () => {
    dev = await startOktetoApi({
      token: DEV_TOKEN,
      spaces: [
        {
          id: 'staging',
          status: 'Active',
          deployments: [{ name: 'frontend', endpoints: [`https://movies-staging.${TEST_DOMAIN}`] }],
          statefulsets: [],
        },
        {
          id: 'alice',
          status: 'Active',
          deployments: [{ name: 'catalog', endpoints: [`https://catalog-alice.${TEST_DOMAIN}`] }],
          statefulsets: [],
        },
      ],
    });
    shop = await startOktetoApi({
      token: SHOP_TOKEN,
      spaces: [
        {
          id: 'ci',
          status: 'Active',
          deployments: [{ name: 'shop', endpoints: ['https://shop-ci.other.example.org'] }],
          statefulsets: [],
        },
        { id: 'prod-bob', status: 'Active', deployments: [], statefulsets: [] },
      ],
    });
    app = await divertApp(env.driver, env.sandbox, 'alice');
    store = await env.driver.open(env.sandbox.url(SHOP));
  });
  afterAll(async () => {
    await dev?.close();
    await shop?.close();
  });

  it('each site shows its own instance’s namespaces, and each token goes to its own instance only', async () => {
    await connectOkteto(env.driver, dev.url, DEV_TOKEN);
    await connectOkteto(env.driver, shop.url, SHOP_TOKEN);
    const onApp = await env.driver.popup(app);
    await until(async () => (await onApp.pageText()).includes(`Namespaces from ${new URL(dev.url).host}`), 'the instance named');
    expect(await offered(onApp, ['alice', 'staging', 'ci', 'prod-bob'])).toEqual({
      alice: true,
      staging: true,
      ci: false,
      'prod-bob': false,
    });
    await onApp.close();
    const onStore = await env.driver.popup(store);
    await until(
      async () => (await onStore.pageText()).includes(`Namespaces from ${new URL(shop.url).host}`),
      'the other instance',
    );
    expect(await offered(onStore, ['alice', 'staging', 'ci', 'prod-bob'])).toEqual({
      alice: false,
      staging: false,
      ci: true,
      'prod-bob': true,
    });
    await onStore.close();
    // Every call each stand-in got carried its own token: neither token reached the other instance.
    expect(dev.api.calls.length).toBeGreaterThan(1);
    expect(shop.api.calls.length).toBeGreaterThan(1);
    expect(dev.api.calls.every((c) => c.auth === `Bearer ${DEV_TOKEN}`)).toBe(true);
    expect(shop.api.calls.every((c) => c.auth === `Bearer ${SHOP_TOKEN}`)).toBe(true);
  });

  it('the user can say which instance owns a domain', async () => {
    const options = await env.driver.options();
    const host = new URL(shop.url).host;
    await options.type('textbox', `Domains ${host} serves`, TEST_DOMAIN);
    await options.click('button', `Save domains (${host})`);
    await until(async () => {
      const list = (await env.driver.stored('oktetoInstances')) as { url: string; domains?: string[] }[];
      return list.find((i) => i.url === shop.url)?.domains?.includes(TEST_DOMAIN);
    }, 'the domain saved');
    await options.close();
    const onApp = await env.driver.popup(app);
    await until(async () => (await onApp.pageText()).includes(`Namespaces from ${host}`), 'the app now the shop instance’s');
    expect(await offered(onApp, ['ci'])).toEqual({ ci: true });
    await onApp.close();
  });
});
