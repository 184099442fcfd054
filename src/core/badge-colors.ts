/**
 * The colours of both badges, the toolbar's and the page's: served = requested, another namespace
 * answered, nothing known yet (one grey for both), and a share link asking before it applies.
 */
export const BADGE_COLORS = { match: '#0d6e5c', mismatch: '#b3261e', unknown: '#4b5563', asking: '#b45309' } as const;
