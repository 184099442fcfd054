import { diffLines } from 'diff';
import type { CompareAnswer } from '../core/compare';
import { PROBE_LIMITS } from '../core/probe';
import { type JsonDiff, jsonDiff } from './json-diff';

/**
 * What two answers to the same request differ in, read from the namespace the tab diverts to
 * (`ours`) against the one it is compared with (`theirs`): "added" is only in ours.
 */
export interface AnswerDiff {
  status?: [number | undefined, number | undefined];
  /** Headers whose values differ: name, ours, theirs (absent: undefined). */
  headers: [string, string | undefined, string | undefined][];
  body: BodyDiff;
}

export type BodyDiff =
  | { kind: 'same' }
  | { kind: 'missing'; why: 'too-large' | 'no-body' }
  /** JSON on both sides: paths added, removed and changed; values that only name each side's namespace are set apart. */
  | ({ kind: 'json' } & JsonDiff)
  /**
   * Lines only in ours (+) and only in theirs (-), at most `TEXT_LIMITS.lines` of them (`more`: the
   * rest). `cut`: the two differ in too many lines (or took too long) to be paired up, so the lines
   * from the first difference to the last are shown as theirs removed, then ours added.
   */
  | { kind: 'text'; lines: { op: '+' | '-'; text: string }[]; more: number; cut?: true };

/** Headers that differ between any two answers and say nothing of the namespace (time, length, connection). */
const INCIDENTAL = new Set(['date', 'age', 'content-length', 'connection', 'keep-alive', 'transfer-encoding']);

/**
 * A server writes both bodies, so the line diff is bounded: at most `lines` lines shown, the
 * search for the shortest edit given up past `edits` lines of edit or `timeoutMs` (jsdiff's
 * `maxEditLength` and `timeout`: unbounded, 16 KiB of all-different lines took 24 s), and no body
 * longer than the compare ever fetches (`chars`).
 */
export const TEXT_LIMITS = { lines: 200, edits: 200, timeoutMs: 10, chars: PROBE_LIMITS.maxBytes } as const;

function parseJson(text: string | undefined): { value: unknown } | undefined {
  if (text === undefined) return undefined;
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

/** Lines as jsdiff splits them: a final newline ends the last line, it does not start another. */
const linesOf = (text: string) => text.replace(/\n$/, '').split('\n');

type Line = { op: '+' | '-'; text: string };

/**
 * What the diff shows when the shortest edit is not searched to the end: the lines between the
 * first and the last difference, theirs removed then ours added. Linear, and never wrong, only longer.
 */
function roughLines(theirs: string, ours: string): { lines: Line[]; more: number } {
  const a = linesOf(theirs);
  const b = linesOf(ours);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  const removed = a.slice(start, a.length - end).slice(0, TEXT_LIMITS.lines);
  const added = b.slice(start, b.length - end).slice(0, TEXT_LIMITS.lines - removed.length);
  const lines = [...removed.map((text) => ({ op: '-' as const, text })), ...added.map((text) => ({ op: '+' as const, text }))];
  return { lines, more: a.length - end - start + (b.length - end - start) - lines.length };
}

function textDiff(theirs: string, ours: string): BodyDiff {
  const parts = diffLines(theirs, ours, { maxEditLength: TEXT_LIMITS.edits, timeout: TEXT_LIMITS.timeoutMs });
  if (!parts) return { kind: 'text', ...roughLines(theirs, ours), cut: true };
  const all = parts.flatMap((part) =>
    part.added || part.removed ? linesOf(part.value).map((text): Line => ({ op: part.added ? '+' : '-', text })) : [],
  );
  return { kind: 'text', lines: all.slice(0, TEXT_LIMITS.lines), more: Math.max(0, all.length - TEXT_LIMITS.lines) };
}

function bodyDiff(ours: CompareAnswer, theirs: CompareAnswer): BodyDiff {
  if (ours.tooLarge || theirs.tooLarge) return { kind: 'missing', why: 'too-large' };
  if (ours.body === undefined || theirs.body === undefined) return { kind: 'missing', why: 'no-body' };
  if (ours.body.length > TEXT_LIMITS.chars || theirs.body.length > TEXT_LIMITS.chars)
    return { kind: 'missing', why: 'too-large' };
  if (ours.body === theirs.body) return { kind: 'same' };
  const a = parseJson(ours.body)?.value;
  const b = parseJson(theirs.body)?.value;
  // Two objects, or two arrays (as the walk asks of nested pairs): an array and an object with
  // keys "0", "1" are different answers, shown as text.
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null && Array.isArray(a) === Array.isArray(b)) {
    // Without divert, the other side is named by what its server says answered (the shared namespace).
    const d = jsonDiff(b, a, { ours: ours.namespace ?? '', theirs: theirs.namespace ?? theirs.served ?? '' });
    return d.changes.length === 0 && d.namesNamespace.length === 0 && !d.depthCut ? { kind: 'same' } : { kind: 'json', ...d };
  }
  return textDiff(theirs.body, ours.body);
}

export function diffAnswers(ours: CompareAnswer, theirs: CompareAnswer, servedHeader?: string): AnswerDiff {
  const skip = (name: string) => INCIDENTAL.has(name) || name === servedHeader;
  const a = new Map((ours.headers ?? []).filter(([n]) => !skip(n)));
  const b = new Map((theirs.headers ?? []).filter(([n]) => !skip(n)));
  const headers: AnswerDiff['headers'] = [];
  for (const name of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    if (a.get(name) !== b.get(name)) headers.push([name, a.get(name), b.get(name)]);
  }
  const out: AnswerDiff = { headers, body: bodyDiff(ours, theirs) };
  if (ours.status !== theirs.status) out.status = [ours.status, theirs.status];
  return out;
}

/** Nothing differs but the namespaces' own names. */
export const sameAnswer = (d: AnswerDiff) =>
  d.status === undefined &&
  d.headers.length === 0 &&
  (d.body.kind === 'same' || (d.body.kind === 'json' && d.body.changes.length === 0 && !d.body.depthCut));
