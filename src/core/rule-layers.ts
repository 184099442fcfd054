import type { Settings } from './settings';

/*
 * How nested domain entries split into rules (core/rules.ts): requestDomains also matches
 * subdomains, so an entry under another that is off or diverted elsewhere is carved out of it, and
 * one diverted again under a carve-out gets a rule of its own.
 */

/** The proper parents of a host: a.b.example.com → b.example.com, example.com, com. */
export function parents(host: string): string[] {
  const out: string[] = [];
  for (let i = host.indexOf('.'); i !== -1; i = host.indexOf('.', i + 1)) out.push(host.slice(i + 1));
  return out;
}

/**
 * Per namespace, the entries under its domains that are not in its group: each is disabled or
 * diverted to another namespace, and must not get that rule's header (requestDomains also matches
 * subdomains). One pass over the entries' parents: linear in entries, whatever the namespaces.
 */
export function carveOuts(settings: Settings, grouped: Map<string, string[]>): Map<string, string[]> {
  const groupOf = new Map<string, string>();
  for (const [ns, domains] of grouped) for (const d of domains) groupOf.set(d, ns);
  const out = new Map<string, string[]>();
  for (const e of settings.domains) {
    for (const p of parents(e.domain)) {
      const ns = groupOf.get(p);
      if (ns === undefined || groupOf.get(e.domain) === ns) continue;
      const list = out.get(ns) ?? [];
      if (!list.includes(e.domain)) list.push(e.domain);
      out.set(ns, list);
    }
  }
  return out;
}

interface Layer {
  domains: string[];
  excluded: string[];
}

/**
 * excludedRequestDomains wins over requestDomains for the whole subtree, so an entry diverted
 * under one that is carved out (a.b.example.com on, b.example.com off, example.com on) cannot sit
 * in the same rule: it goes to a rule of its own. Usually there is one layer; deeper nesting adds
 * one rule per level. Each layer's carve-outs are those under its own domains.
 */
export function layers(domains: string[], carve: string[]): Layer[] {
  const out: Layer[] = [];
  let rest = domains;
  while (rest.length > 0) {
    const inRule = new Set(rest);
    const excluded = new Set(carve.filter((e) => parents(e).some((p) => inRule.has(p))));
    const blocked = new Set(rest.filter((d) => parents(d).some((p) => excluded.has(p))));
    const top = rest.filter((d) => !blocked.has(d));
    const topSet = new Set(top);
    out.push({ domains: top, excluded: carve.filter((e) => parents(e).some((p) => topSet.has(p))).sort() });
    rest = rest.filter((d) => blocked.has(d));
  }
  return out;
}
