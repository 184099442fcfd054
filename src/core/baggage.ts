/** The one header Divert reads: https://www.okteto.com/docs/reference/divert/ */
export const BAGGAGE_HEADER = 'baggage';
const DIVERT_KEY = 'okteto-divert';

export const baggageValue = (namespace: string): string => `${DIVERT_KEY}=${namespace}`;

/** The okteto-divert member of a W3C baggage header, or undefined. */
export function divertNamespaceOf(baggage: string | undefined | null): string | undefined {
  if (!baggage) return undefined;
  for (const member of baggage.split(',')) {
    const [pair] = member.split(';');
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq).trim() === DIVERT_KEY) return pair.slice(eq + 1).trim();
  }
  return undefined;
}
