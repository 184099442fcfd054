import type { PreviewInfo } from '../core/okteto';
import type { Settings } from '../core/settings';
import type { Option } from './combobox';

/**
 * What the "Namespace" control offers: presets first (labelled, team ones marked), then the
 * user's namespaces from their Okteto instance, then their preview environments (a group of their
 * own, each labelled with its branch: "Preview · feature/login"), then recent ones.
 */
export function namespaceOptions(
  settings: Settings,
  recentHint: string,
  okteto: readonly string[] = [],
  oktetoHint = 'Okteto',
  statuses: Record<string, string> = {},
  previews: Record<string, PreviewInfo> = {},
  previewHint = (branch: string) => `Preview · ${branch}`,
): Option[] {
  const out: Option[] = [];
  const seen = new Set<string>();
  for (const p of settings.presets) {
    if (seen.has(p.namespace)) continue;
    seen.add(p.namespace);
    const source = p.managed ? 'managed' : p.team ? `team ${p.team}` : undefined;
    out.push({ value: p.namespace, hint: [p.label, source].filter(Boolean).join(' · ') || undefined });
  }
  // An Active namespace is the rule; any other status is worth seeing before choosing it.
  const withStatus = (hint: string, ns: string) => {
    const status = statuses[ns];
    return status && status !== 'Active' ? `${hint} · ${status}` : hint;
  };
  for (const ns of okteto) {
    if (seen.has(ns) || ns in previews) continue;
    seen.add(ns);
    out.push({ value: ns, hint: withStatus(oktetoHint, ns) });
  }
  for (const ns of okteto) {
    if (seen.has(ns)) continue;
    seen.add(ns);
    out.push({ value: ns, hint: withStatus(previewHint(previews[ns]?.branch ?? ns), ns) });
  }
  for (const ns of settings.recent) {
    if (!seen.has(ns)) {
      seen.add(ns);
      out.push({ value: ns, hint: recentHint });
    }
  }
  return out;
}
