import * as v from 'valibot';
import type { Result } from './result';
import { parseWith } from './schema';
import type { TabServed } from './served';

/** What a page badge (content script) may ask or tell the background: nothing that changes settings. */
export const ContentMessageSchema = v.variant('type', [
  v.object({ type: v.literal('divert:hello') }),
  v.object({
    type: v.literal('divert:badge-place'),
    /** Absent until the badge is dragged: it then sits in the bottom-right corner. */
    x: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000))),
    y: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000))),
    collapsed: v.boolean(),
  }),
]);
export type ContentMessage = v.InferOutput<typeof ContentMessageSchema>;

export const validateContentMessage = (input: unknown): Result<ContentMessage> =>
  parseWith(ContentMessageSchema, input, 'Message');

/** Pushed to a tab's page badge whenever its state changes. */
export interface BadgeState {
  type: 'divert:state';
  show: boolean;
  line: string;
  verdict: 'match' | 'mismatch' | 'unknown';
  state: TabServed;
  /** Something to say beside the line, e.g. the namespace is not among the user's Okteto namespaces. */
  warning?: string;
}

export interface BadgePlace {
  x?: number;
  y?: number;
  collapsed: boolean;
}
