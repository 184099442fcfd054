import { afterAll } from 'vitest';
import type { Driver } from '../../dev/harness/driver';
import { type StandInSpace, startOktetoApi } from '../../dev/sandbox/okteto-api';

export type OktetoStandIn = Awaited<ReturnType<typeof startOktetoApi>>;

/** A space the stand-in lists: its services (deployments), each with the endpoints it serves. */
export const standInSpace = (
  id: string,
  status: string,
  services: Record<string, string[]>,
  more: Partial<StandInSpace> = {},
): StandInSpace => ({
  id,
  status,
  deployments: Object.entries(services).map(([name, endpoints]) => (endpoints.length > 0 ? { name, endpoints } : { name })),
  statefulsets: [],
  ...more,
});

/** Connects a browser to an instance as a person does: the options page, its URL and token, Connect. */
export async function connectOkteto(driver: Driver, url: string, token: string): Promise<string> {
  const options = await driver.options();
  await options.type('textbox', 'Okteto instance URL', url);
  await options.type('textbox', 'Personal access token', token);
  await options.click('button', 'Connect');
  const said = await options.waitText('status', 'Connected');
  await options.close();
  return said;
}

/**
 * An Okteto API stand-in for one describe block, closed after it: `start` serves these spaces to
 * the token (when the block needs it, not before), `connect` connects a browser to it.
 */
export function useOktetoStandIn(token: string) {
  const held: { api?: OktetoStandIn } = {};
  afterAll(async () => {
    await held.api?.close();
  });
  const started = (): OktetoStandIn => {
    if (!held.api) throw new Error('the Okteto stand-in is not started');
    return held.api;
  };
  return {
    get instance(): OktetoStandIn {
      return started();
    },
    start: async (spaces: StandInSpace[]): Promise<OktetoStandIn> => {
      held.api = await startOktetoApi({ token, spaces });
      return held.api;
    },
    connect: (driver: Driver) => connectOkteto(driver, started().url, token),
  };
}
