import { mergeTeam, parsePresetFile, removeTeam } from '../core/presets';
import type { Settings } from '../core/settings';
import { ITEMS } from '../core/storage-items';
import { said, words } from '../platform/i18n';
import { read, readManaged, write } from '../platform/store';
import type { Committer } from './commit';

/** How long the policy read may take before the options page says it is late (Chrome took 2 s right after a start). */
const MANAGED_WAIT_MS = 5000;

function mergePolicy(current: Settings, files: unknown[]): { settings: Settings; teams: string[]; errors: string[] } {
  let settings = current;
  const teams = new Set<string>();
  const errors: string[] = [];
  for (const [i, file] of files.entries()) {
    const parsed = parsePresetFile(JSON.stringify(file));
    if (parsed.error !== undefined) {
      errors.push(words('policyPresetBad', String(i), said(parsed.error)));
      continue;
    }
    teams.add(parsed.value.file.team);
    settings = mergeTeam(settings, parsed.value.file, { managed: true }).settings;
  }
  const stale = new Set(
    [...settings.domains, ...settings.presets]
      .filter((x) => x.managed && x.team && !teams.has(x.team))
      .map((x) => x.team as string),
  );
  for (const team of stale) settings = removeTeam(settings, team, true);
  return { settings, teams: [...teams], errors };
}

/** The administrator's policy: its presets merged, its status said. */
export function createManaged({ commit }: Pick<Committer, 'commit'>) {
  /**
   * Presets from enterprise policy (Chrome: storage.managed with managed_schema; Firefox: policies.json
   * 3rdparty.Extensions.<id>). They are merged as managed entries, and a team the policy drops is
   * removed. The policy is read outside the queue (right after a browser start Chrome can take
   * seconds to answer it), and only the merge is queued.
   */
  async function applyManaged(): Promise<void> {
    const reading = readManaged();
    // Bounded: past MANAGED_WAIT_MS the options page says the policy is still being read, and the
    // policy is applied when it arrives. No command ever waits for it (it is not in the queue).
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = await Promise.race([
      reading.then(() => false),
      new Promise<boolean>((r) => {
        timer = setTimeout(() => r(true), MANAGED_WAIT_MS);
      }),
    ]);
    clearTimeout(timer);
    if (late) {
      const status = await read(ITEMS.managedStatus);
      await write(ITEMS.managedStatus, {
        teams: status?.teams ?? [],
        errors: [words('policyLate', String(MANAGED_WAIT_MS / 1000))],
        oktetoInstanceUrl: status?.oktetoInstanceUrl,
      });
    }
    const policy = await reading;
    const files = Array.isArray(policy.presets) ? policy.presets : [];
    await commit((current) => {
      const merged = mergePolicy(current, files);
      return { settings: merged.settings, reply: merged };
    }).then(({ teams, errors }) =>
      write(ITEMS.managedStatus, {
        teams,
        errors,
        oktetoInstanceUrl: typeof policy.oktetoInstanceUrl === 'string' ? policy.oktetoInstanceUrl : undefined,
      }),
    );
  }
  return { applyManaged };
}
