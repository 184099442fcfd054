import { baggageValue } from './baggage';

/** W3C Baggage limits a propagator must keep to (https://www.w3.org/TR/baggage/#limits). */
export const BAGGAGE_LIMITS = { members: 64, bytes: 8192 } as const;

export interface Merged {
  /** The header to send. */
  value: string;
  /** Names of the page's own members kept (in order, okteto-divert excluded). */
  kept: string[];
  /** Names of the page's members left out so that okteto-divert fits within the W3C limits. */
  dropped: string[];
  /**
   * The page's own baggage was over the W3C limits before ours was added: it was not parsed, and
   * the request leaves with the domain rule's value alone (what a page sends must never cost the
   * background more than one bounded pass).
   */
  tooLarge?: true;
}

const DIVERT_KEY = 'okteto-divert';

/** The key of one list-member as sent (`key=value;props`), or undefined when it has none. */
const keyOf = (member: string): string | undefined => {
  const eq = member.indexOf('=');
  const key = (eq < 0 ? member : member.slice(0, eq)).split(';')[0].trim();
  return key === '' ? undefined : key;
};
/** Ours in any letter case: a downstream service that folds case must not read the page's. */
const isDivertKey = (key: string | undefined) => key !== undefined && key.toLowerCase() === DIVERT_KEY;
const name = (member: string) => keyOf(member) ?? member.slice(0, 40);

const encoder = new TextEncoder();
/** UTF-8 length, without encoding a string that is longer in UTF-16 units than the limit already. */
const bytes = (s: string) => (s.length > BAGGAGE_LIMITS.bytes ? s.length : encoder.encode(s).length);

/**
 * The page's list-members, trimmed and without empty ones, or undefined when the header is over
 * the W3C limits (more than 64 members or 8,192 bytes). One pass; never reads past the limits.
 */
function pageMembers(pageBaggage: string | undefined): string[] | undefined {
  const raw = pageBaggage ?? '';
  if (bytes(raw) > BAGGAGE_LIMITS.bytes) return undefined;
  const out: string[] = [];
  for (const part of raw.split(',', BAGGAGE_LIMITS.bytes)) {
    const member = part.trim();
    if (member === '') continue;
    if (out.length === BAGGAGE_LIMITS.members) return undefined;
    out.push(member);
  }
  return out;
}

/**
 * The page's own baggage with `okteto-divert=<namespace>` set in it (contract: "The page's own
 * baggage"). Every other member stays as it was sent and where it was, malformed ones included (a
 * propagator downstream decides about those); an `okteto-divert` member the page sent (in any
 * letter case) is replaced in place by ours, never duplicated; a header without one gets ours at
 * the end. When ours does not fit, the page's last members are left out (and named). A header
 * already over the limits is not merged at all: it leaves as `okteto-divert=<namespace>`.
 * Linear in the header's length, and never throws.
 */
export function mergeBaggage(pageBaggage: string | undefined, namespace: string): Merged {
  const ours = baggageValue(namespace);
  const members = pageMembers(pageBaggage);
  if (!members) return { value: ours, kept: [], dropped: [], tooLarge: true };
  const out: string[] = [];
  let at = -1;
  for (const member of members) {
    if (!isDivertKey(keyOf(member))) out.push(member);
    else if (at < 0) at = out.push(ours) - 1;
  }
  if (at < 0) at = out.push(ours) - 1;
  // Sizes once; then the page's last members go, one subtraction each, until ours fits.
  let size = out.reduce((sum, m) => sum + bytes(m), 0) + out.length - 1;
  const dropped: string[] = [];
  for (let i = out.length - 1; i >= 0 && (out.length > BAGGAGE_LIMITS.members || size > BAGGAGE_LIMITS.bytes); i--) {
    if (i === at) continue;
    size -= bytes(out[i]) + 1;
    dropped.unshift(name(out[i]));
    out.splice(i, 1);
    if (i < at) at--;
  }
  const kept = out.filter((_, i) => i !== at).map(name);
  return { value: out.join(','), kept, dropped };
}

/**
 * The page's own baggage with no member that says `okteto-divert` anywhere (key, property or value,
 * in any letter case) and no keyless one, as the shared
 * namespace would get the request from a browser without Divert Switch: "Compare without divert".
 * Undefined when nothing is left, or for a header over the W3C limits (never parsed): then the
 * request leaves with no baggage at all.
 */
export function withoutDivert(pageBaggage: string | undefined): string | undefined {
  // Any member a router might read as ours goes: one naming it anywhere (a property, a value), in
  // any letter case, and a malformed one without a key.
  const kept = pageMembers(pageBaggage)?.filter((m) => keyOf(m) !== undefined && !m.toLowerCase().includes(DIVERT_KEY));
  return kept && kept.length > 0 ? kept.join(',') : undefined;
}

/**
 * The names of the members a page's own baggage had, okteto-divert aside (what a `set` erased);
 * undefined for a header over the W3C limits, which is never parsed (it is replaced, not merged).
 */
export function memberNames(pageBaggage: string | undefined): string[] | undefined {
  return pageMembers(pageBaggage)
    ?.map(keyOf)
    .filter((k): k is string => k !== undefined && !isDivertKey(k));
}
