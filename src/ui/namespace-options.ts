import type { Settings } from '../core/settings';
import type { Option } from './combobox';

/**
 * What the "Namespace" control offers: presets first (labelled, team ones marked), then the
 * user's namespaces from their Okteto instance, then recent ones.
 */
export function namespaceOptions(
  settings: Settings,
  recentHint: string,
  okteto: readonly string[] = [],
  oktetoHint = 'Okteto',
  statuses: Record<string, string> = {},
): Option[] {
  const out: Option[] = [];
  const seen = new Set<string>();
  for (const p of settings.presets) {
    if (seen.has(p.namespace)) continue;
    seen.add(p.namespace);
    const source = p.managed ? 'managed' : p.team ? `team ${p.team}` : undefined;
    out.push({ value: p.namespace, hint: [p.label, source].filter(Boolean).join(' · ') || undefined });
  }
  for (const ns of okteto) {
    if (!seen.has(ns)) {
      seen.add(ns);
      // An Active namespace is the rule; any other status is worth seeing before choosing it.
      const status = statuses[ns];
      out.push({ value: ns, hint: status && status !== 'Active' ? `${oktetoHint} · ${status}` : oktetoHint });
    }
  }
  for (const ns of settings.recent) {
    if (!seen.has(ns)) {
      seen.add(ns);
      out.push({ value: ns, hint: recentHint });
    }
  }
  return out;
}
