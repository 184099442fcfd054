import { mergeTeam, parsePresetFile, removeTeam } from '../core/presets';
import { ensurePublicSuffixList } from '../platform/psl';
import { readManaged, writeManagedStatus, writeSettings } from '../platform/store';
import { enqueue } from './queue';
import { reconcile } from './reconcile';
import { loadSettings } from './settings-store';

/**
 * Presets from enterprise policy (Chrome: storage.managed with managed_schema; Firefox: policies.json
 * 3rdparty.Extensions.<id>). They are merged as managed entries, and a team the policy drops is removed.
 */
export function applyManaged(): Promise<void> {
  return enqueue(async () => {
    await ensurePublicSuffixList();
    const policy = await readManaged();
    const files = Array.isArray(policy.presets) ? policy.presets : [];
    let settings = await loadSettings();
    const before = JSON.stringify(settings);
    const teams = new Set<string>();
    const errors: string[] = [];
    for (const [i, file] of files.entries()) {
      const parsed = parsePresetFile(JSON.stringify(file));
      if (parsed.error !== undefined) {
        errors.push(`presets[${i}]: ${parsed.error}`);
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
    await writeManagedStatus({
      teams: [...teams],
      errors,
      oktetoInstanceUrl: typeof policy.oktetoInstanceUrl === 'string' ? policy.oktetoInstanceUrl : undefined,
    });
    if (JSON.stringify(settings) === before) return;
    await reconcile(settings);
    await writeSettings(settings);
  });
}
