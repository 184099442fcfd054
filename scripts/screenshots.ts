/**
 * Screenshots of the real built popup and options page, light and dark, into docs/.
 * Run: npm run screenshots (then look at them before committing).
 */
import { mkdir } from 'node:fs/promises';
import { startOktetoApi } from '../dev/sandbox/okteto-api.ts';
import { DEMO_DOMAIN, launchDemo } from './demo.ts';

const demo = await launchDemo({ headless: true });
await mkdir('docs', { recursive: true });
try {
  for (const scheme of ['light', 'dark'] as const) {
    const popup = await demo.context.newPage();
    await popup.emulateMedia({ colorScheme: scheme });
    await popup.setViewportSize({ width: 340, height: 560 });
    await popup.goto(await demo.popupUrl(demo.app));
    await popup.getByRole('status').filter({ hasText: 'carry' }).waitFor();
    await popup.getByRole('combobox', { name: 'Namespace' }).focus();
    await popup.getByRole('listbox').waitFor();
    await popup.screenshot({ path: `docs/popup-${scheme}.png` });
    await popup.close();

    const options = await demo.context.newPage();
    await options.emulateMedia({ colorScheme: scheme });
    await options.setViewportSize({ width: 900, height: 760 });
    await options.goto(`chrome-extension://${demo.id}/src/options/index.html`);
    await options.getByRole('switch', { name: 'Divert okteto.demo.localhost' }).waitFor();
    await options.screenshot({ path: `docs/options-${scheme}.png`, fullPage: true });
    await options.close();
  }
  // The DevTools Divert panel (opened as DevTools opens it, bound to the demo tab): the page's
  // requests, a mismatch explained, and the API call compared with staging.
  const panel = await demo.context.newPage();
  await panel.setViewportSize({ width: 1100, height: 420 });
  await panel.goto((await demo.popupUrl(demo.app)).replace('src/popup/index.html', 'src/devtools/panel.html'));
  const movies = panel.getByRole('row').filter({ hasText: '/api/catalog/movies' }).first();
  await movies.getByRole('button', { name: 'Compare with staging' }).click();
  await panel.getByRole('region', { name: 'Comparison' }).getByText('Added').waitFor();
  await panel.screenshot({ path: 'docs/devtools-panel.png', fullPage: true });
  await panel.close();

  // Sharing and a time box: the share link, "Copy as curl", and a divert that pauses by itself.
  await demo.command({ type: 'setDivertUntil', until: Date.now() + 2 * 3_600_000 + 5 * 60_000 });
  const share = await demo.context.newPage();
  await share.setViewportSize({ width: 340, height: 640 });
  await share.goto(await demo.popupUrl(demo.app));
  await share.getByRole('textbox', { name: 'Share link' }).waitFor();
  await share.getByText('then pausing by itself').waitFor();
  await share.screenshot({ path: 'docs/popup-share.png' });
  await share.close();
  await demo.command({ type: 'setDivertUntil', until: null });

  // The popup's hand-offs: "Copy for Playwright" beside "Copy as curl", and "Open on another
  // device" open with its QR code (the share link here: no Okteto instance is connected yet).
  const device = await demo.context.newPage();
  await device.setViewportSize({ width: 340, height: 760 });
  await device.goto(await demo.popupUrl(demo.app));
  await device.getByRole('button', { name: 'Open on another device' }).click();
  await device.getByRole('img', { name: /^QR code for / }).waitFor();
  await device.screenshot({ path: 'docs/popup-another-device.png', fullPage: true });
  await device.close();

  // A link for a namespace never chosen: a question in the popup, nothing pinned until answered.
  const linked = await demo.context.newPage();
  await linked.goto(`${demo.app.url().split('#')[0]}#:~:okteto-divert=mallory`);
  const question = await demo.context.newPage();
  await question.setViewportSize({ width: 340, height: 560 });
  await question.goto(await demo.popupUrl(linked));
  await question.getByRole('button', { name: 'Open diverted to mallory' }).waitFor();
  await question.screenshot({ path: 'docs/popup-share-question.png' });
  await question.close();
  await linked.close();

  // What the Okteto API tells: a sleeping namespace with its services, and a mismatch explained.
  const okteto = await startOktetoApi({
    token: 'okteto-pat-demo-0123456789',
    spaces: [
      {
        id: 'staging',
        status: 'Active',
        deployments: [
          { name: 'frontend', endpoints: [`https://movies-staging.${DEMO_DOMAIN}`] },
          { name: 'catalog', endpoints: [`https://catalog-staging.${DEMO_DOMAIN}`] },
        ],
        statefulsets: [],
      },
      { id: 'alice', status: 'Sleeping', deployments: [{ name: 'catalog' }], statefulsets: [{ name: 'mongodb' }] },
      { id: 'bob-feature', status: 'Active', deployments: [], statefulsets: [] },
      {
        id: 'pr-42',
        status: 'Active',
        deployments: [{ name: 'frontend', endpoints: [`https://movies-pr-42.${DEMO_DOMAIN}`] }],
        statefulsets: [],
        preview: { branch: 'feature/login' },
      },
    ],
  });
  try {
    await demo.command({ type: 'connectOkteto', url: okteto.url, token: okteto.api.token });
    const shot = async (file: string, text: string) => {
      const popup = await demo.context.newPage();
      await popup.setViewportSize({ width: 340, height: 560 });
      await popup.goto(await demo.popupUrl(demo.app));
      await popup.getByText(text).first().waitFor();
      await popup.screenshot({ path: `docs/${file}` });
      await popup.close();
    };
    await shot('popup-okteto-sleeping.png', 'alice is sleeping');
    // Preview environments in the Namespace list, in their own group, labelled with their branch.
    const previews = await demo.context.newPage();
    await previews.setViewportSize({ width: 340, height: 560 });
    await previews.goto(await demo.popupUrl(demo.app));
    await previews.getByRole('combobox', { name: 'Namespace' }).fill('');
    await previews.getByRole('combobox', { name: 'Namespace' }).pressSequentially('pr-');
    await previews.getByRole('option', { name: 'pr-42 Preview · feature/login' }).waitFor();
    await previews.screenshot({ path: 'docs/popup-previews.png' });
    await previews.close();
    await demo.command({ type: 'setNamespace', namespace: 'bob-feature' });
    await demo.app.reload();
    await shot('popup-okteto-mismatch.png', 'What Okteto says');
    const bob = okteto.api.spaces.find((x) => x.id === 'bob-feature');
    if (bob) bob.status = 'Deleting';
    await demo.command({ type: 'refreshOkteto' });
    await shot('popup-okteto-deleting.png', 'is being deleted');
    // A fresh look at the frontend's host: no entry yet, and the API knows it as frontend in staging.
    await demo.command({ type: 'removeDomain', domain: DEMO_DOMAIN });
    await shot('popup-okteto-endpoint.png', 'This is frontend in the Okteto namespace staging');
    // A second instance (a customer's cluster): the demo site's namespaces still come from its own.
    const other = await startOktetoApi({
      token: 'okteto-pat-customer-0123456789',
      spaces: [
        {
          id: 'acme-ci',
          status: 'Active',
          deployments: [{ name: 'shop', endpoints: ['https://shop-ci.acme.example.net'] }],
          statefulsets: [],
        },
      ],
    });
    try {
      await demo.command({ type: 'connectOkteto', url: other.url, token: other.api.token });
      await demo.command({ type: 'addDomain', domain: DEMO_DOMAIN, enabled: true });
      const two = await demo.context.newPage();
      await two.setViewportSize({ width: 340, height: 560 });
      await two.goto(await demo.popupUrl(demo.app));
      await two.getByText('Namespaces from').waitFor();
      await two.screenshot({ path: 'docs/popup-instances.png' });
      await two.close();
    } finally {
      await other.close();
    }
  } finally {
    await okteto.close();
  }
  console.log(
    'docs/popup-{light,dark}.png, docs/devtools-panel.png, docs/popup-share.png, docs/popup-another-device.png, docs/popup-share-question.png, docs/options-{light,dark}.png, docs/popup-okteto-{sleeping,mismatch,deleting,endpoint}.png, docs/popup-{previews,instances}.png',
  );
} finally {
  await demo.close();
}
