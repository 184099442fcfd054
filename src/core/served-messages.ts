import * as v from 'valibot';
import { isGoing, missingFromOkteto, type OktetoState } from './okteto';
import type { Result } from './result';
import { parseWith } from './schema';
import { servedLine, servedName, type TabServed, type Verdict, verdict } from './served';
import type { Words } from './words';

/** What a page badge (content script) may ask or tell the background: nothing that changes settings. */
const ContentMessageSchema = v.variant('type', [
  v.object({ type: v.literal('divert:hello') }),
  v.object({
    type: v.literal('divert:badge-place'),
    /** Absent until the badge is dragged: it then sits in the bottom-right corner. */
    x: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000))),
    y: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000))),
    collapsed: v.boolean(),
  }),
  // Chrome, "Keep the page's own baggage": hold a merged-baggage rule for one request of this tab
  // (url and method as the page's script read them; the background decides the rest), then let go.
  v.object({
    type: v.literal('divert:keep-page-baggage'),
    url: v.pipe(v.string(), v.maxLength(4096), v.regex(/^https?:\/\/[\x21-\x7e]+$/)),
    method: v.pipe(v.string(), v.regex(/^[A-Z]{1,16}$/)),
    // What fetch/XHR accept as a header value (no control characters), within twice the W3C size.
    baggage: v.pipe(v.string(), v.maxLength(16_384), v.regex(/^[\t\x20-\x7e\x80-\xff]*$/)),
  }),
  v.object({ type: v.literal('divert:keep-page-baggage-done'), token: v.pipe(v.number(), v.integer()) }),
]);
export type ContentMessage = v.InferOutput<typeof ContentMessageSchema>;

export const validateContentMessage = (input: unknown): Result<ContentMessage> =>
  parseWith(ContentMessageSchema, input, 'whatMessage');

/**
 * Pushed to a tab's page badge whenever its state changes. The page can read all of it (the badge
 * lives in an open shadow root), so it holds validated namespace names and fixed words only:
 * no raw signal values, no settings, nothing else the background knows.
 */
export interface BadgeState {
  type: 'divert:state';
  show: boolean;
  line: string;
  verdict: Verdict;
  requested?: string;
  served?: string;
  /** Something to say beside the line, e.g. the namespace is not among the user's Okteto namespaces. */
  warning?: string;
  /** A fixed sentence beside the line, e.g. the tab was opened from a share link. */
  note?: string;
  /** Where the badge sat on this host (the hello reply only): the badge reads no storage. */
  place?: BadgePlace;
}

/** What a tab's page badge is told: from its served state, whether badges are on, and the Okteto list. */
export function badgeView(state: TabServed, showPageBadge: boolean, okteto: OktetoState | undefined, t: Words): BadgeState {
  return {
    type: 'divert:state',
    show: showPageBadge && !!state.requested,
    line: servedLine(state, t),
    verdict: verdict(state),
    requested: state.requested,
    served: servedName(state, t),
    warning: !missingFromOkteto(okteto, state.requested)
      ? undefined
      : isGoing(okteto?.statuses?.[state.requested ?? ''])
        ? t('goingShort', state.requested ?? '')
        : t('notInOktetoShort', state.requested ?? ''),
  };
}

export interface BadgePlace {
  x?: number;
  y?: number;
  collapsed: boolean;
}
