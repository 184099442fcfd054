import type { OktetoState } from '../core/okteto';
import type { TabPins } from '../core/rules';
import { DEFAULTS, type Settings } from '../core/settings';
import { migrate } from '../core/settings-schema';
import { grantedOrigins } from '../platform/permissions';
import { readOktetoState, readPins, readStoredSettings } from '../platform/store';

export interface Context {
  settings: Settings;
  okteto?: OktetoState;
  pins: TabPins;
  origins: string[];
}

let cached: Promise<Context> | undefined;

/**
 * Settings, pins and granted origins for the request observers, read once and kept until storage
 * or permissions change: webRequest events come by the hundred per page. Read-only: only a command
 * writes settings.
 */
export function context(): Promise<Context> {
  cached ??= Promise.all([readStoredSettings(), readPins(), grantedOrigins(), readOktetoState()]).then(
    ([stored, pins, origins, okteto]) => ({
      settings: migrate(stored).value ?? DEFAULTS,
      pins,
      origins,
      okteto,
    }),
  );
  return cached;
}

export function invalidateContext(): void {
  cached = undefined;
}
