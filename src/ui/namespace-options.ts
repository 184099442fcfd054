import type { Settings } from '../core/settings';
import type { Option } from './combobox';

/** What the "Namespace" control offers: presets first (labelled, team ones marked), then recent ones. */
export function namespaceOptions(settings: Settings, recentHint: string): Option[] {
  const out: Option[] = [];
  const seen = new Set<string>();
  for (const p of settings.presets) {
    if (seen.has(p.namespace)) continue;
    seen.add(p.namespace);
    const source = p.managed ? 'managed' : p.team ? `team ${p.team}` : undefined;
    out.push({ value: p.namespace, hint: [p.label, source].filter(Boolean).join(' · ') || undefined });
  }
  for (const ns of settings.recent) {
    if (!seen.has(ns)) {
      seen.add(ns);
      out.push({ value: ns, hint: recentHint });
    }
  }
  return out;
}
