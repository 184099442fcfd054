import { baggageValue } from './baggage';

/** W3C Baggage limits a propagator must keep to (https://www.w3.org/TR/baggage/#limits). */
export const BAGGAGE_LIMITS = { members: 64, bytes: 8192 } as const;

export interface Merged {
  /** The header to send. */
  value: string;
  /** Names of the page's own members kept (in order, okteto-divert excluded). */
  kept: string[];
  /** Names of the page's members left out to stay within the W3C limits. */
  dropped: string[];
}

/** The key of one list-member as sent (`key=value;props`), or undefined when it has none. */
const keyOf = (member: string): string | undefined => {
  const eq = member.indexOf('=');
  const key = (eq < 0 ? member : member.slice(0, eq)).split(';')[0].trim();
  return key === '' ? undefined : key;
};

const bytes = (s: string) => new TextEncoder().encode(s).length;

/**
 * The page's own baggage with `okteto-divert=<namespace>` set in it (contract: "The page's own
 * baggage"). Every other member stays as it was sent and where it was, malformed ones included (a
 * propagator downstream decides about those); an `okteto-divert` member the page sent is replaced
 * in place, never duplicated; a header without one gets it at the end. Over the W3C limits, the
 * page's last members are left out (and named) so that okteto-divert always fits. Never throws.
 */
export function mergeBaggage(pageBaggage: string | undefined, namespace: string): Merged {
  const ours = baggageValue(namespace);
  const members = (pageBaggage ?? '')
    .split(',')
    .map((m) => m.trim())
    .filter((m) => m !== '');
  let placed = false;
  const out: string[] = [];
  for (const member of members) {
    if (keyOf(member) === 'okteto-divert') {
      if (!placed) out.push(ours);
      placed = true;
    } else out.push(member);
  }
  if (!placed) out.push(ours);
  const dropped: string[] = [];
  const fits = () => out.length <= BAGGAGE_LIMITS.members && bytes(out.join(',')) <= BAGGAGE_LIMITS.bytes;
  while (!fits()) {
    // the page's last member that is not ours goes first
    const at = out
      .map((m, i) => [m, i] as const)
      .filter(([m]) => m !== ours)
      .at(-1)?.[1];
    if (at === undefined) break;
    dropped.unshift(keyOf(out[at]) ?? out[at].slice(0, 40));
    out.splice(at, 1);
  }
  const kept = out.filter((m) => m !== ours).map((m) => keyOf(m) ?? m.slice(0, 40));
  return { value: out.join(','), kept, dropped };
}

/** The names of the members a page's own baggage had, okteto-divert aside (what a `set` erased). */
export function memberNames(pageBaggage: string | undefined): string[] {
  return (pageBaggage ?? '')
    .split(',')
    .map((m) => keyOf(m.trim()))
    .filter((k): k is string => k !== undefined && k !== 'okteto-divert')
    .slice(0, BAGGAGE_LIMITS.members);
}
