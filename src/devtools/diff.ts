import { diffLines } from 'diff';
import microdiff from 'microdiff';
import type { CompareAnswer } from '../core/compare';

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
  | { kind: 'json'; changes: JsonChange[]; namesNamespace: string[] }
  | { kind: 'text'; lines: { op: '+' | '-'; text: string }[]; more: number };

interface JsonChange {
  op: 'added' | 'removed' | 'changed';
  path: string;
  ours?: unknown;
  theirs?: unknown;
}

/** Headers that differ between any two answers and say nothing of the namespace (time, length, connection). */
const INCIDENTAL = new Set(['date', 'age', 'content-length', 'connection', 'keep-alive', 'transfer-encoding']);
/** At most this many lines of a text diff are shown. */
const MAX_LINES = 200;

/** `movies[3]`, `meta.owner`: a path as a person reads it. */
const pathText = (path: (string | number)[]) =>
  path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${p}` : String(p)), '');

function parseJson(text: string | undefined): { value: unknown } | undefined {
  if (text === undefined) return undefined;
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

function bodyDiff(ours: CompareAnswer, theirs: CompareAnswer): BodyDiff {
  if (ours.tooLarge || theirs.tooLarge) return { kind: 'missing', why: 'too-large' };
  if (ours.body === undefined || theirs.body === undefined) return { kind: 'missing', why: 'no-body' };
  if (ours.body === theirs.body) return { kind: 'same' };
  const a = parseJson(ours.body);
  const b = parseJson(theirs.body);
  if (a && b && typeof a.value === 'object' && a.value !== null && typeof b.value === 'object' && b.value !== null) {
    const changes: JsonChange[] = [];
    const namesNamespace: string[] = [];
    for (const d of microdiff(b.value as Record<string, unknown>, a.value as Record<string, unknown>)) {
      const path = pathText(d.path);
      if (d.type === 'CREATE') changes.push({ op: 'added', path, ours: d.value });
      else if (d.type === 'REMOVE') changes.push({ op: 'removed', path, theirs: d.oldValue });
      // A field that holds each side's own namespace name is the namespace speaking, not a difference.
      else if (d.value === ours.namespace && d.oldValue === theirs.namespace) namesNamespace.push(path);
      else changes.push({ op: 'changed', path, ours: d.value, theirs: d.oldValue });
    }
    return changes.length === 0 && namesNamespace.length === 0 ? { kind: 'same' } : { kind: 'json', changes, namesNamespace };
  }
  const lines: { op: '+' | '-'; text: string }[] = [];
  let more = 0;
  for (const part of diffLines(theirs.body, ours.body)) {
    if (!part.added && !part.removed) continue;
    for (const text of part.value.replace(/\n$/, '').split('\n')) {
      if (lines.length < MAX_LINES) lines.push({ op: part.added ? '+' : '-', text });
      else more++;
    }
  }
  return { kind: 'text', lines, more };
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
  (d.body.kind === 'same' || (d.body.kind === 'json' && d.body.changes.length === 0));
