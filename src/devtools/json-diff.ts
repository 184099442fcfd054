/**
 * The JSON half of the panel's compare: paths added, removed and changed between two parsed
 * answers. A server writes both answers, so the walk is bounded: iterative (no call per level, so
 * 5,000 nested arrays cannot overflow the stack), no deeper than `depth` (deeper parts are not
 * compared, and the result says so), at most `changes` differences kept (the rest counted), and
 * every path and value shown clipped to `chars` characters.
 */
export const JSON_LIMITS = { depth: 64, changes: 200, chars: 200 } as const;

interface JsonChange {
  op: 'added' | 'removed' | 'changed';
  path: string;
  /** The value on each side as JSON text, clipped (absent: not on that side). */
  ours?: string;
  theirs?: string;
}

export interface JsonDiff {
  changes: JsonChange[];
  /** Differences past `JSON_LIMITS.changes`, counted, not kept. */
  more: number;
  /** Paths whose only difference is each side's own namespace name. */
  namesNamespace: string[];
  /** Some objects nested deeper than `JSON_LIMITS.depth` were not compared. */
  depthCut: boolean;
}

/** A path kept as a chain to its parent: its text is built only for a difference that is kept. */
interface Path {
  parent: Path | undefined;
  key: string | number;
}

type Step =
  | { pair: [unknown, unknown]; path: Path; depth: number }
  | { removed: unknown; path: Path }
  | { creates: [object, object]; path: Path | undefined };

const clip = (s: string) => (s.length > JSON_LIMITS.chars ? `${s.slice(0, JSON_LIMITS.chars)}…` : s);

/** `movies[3]`, `meta.owner`: a path as a person reads it, clipped. */
function pathText(path: Path): string {
  const keys: (string | number)[] = [];
  for (let p: Path | undefined = path; p; p = p.parent) keys.push(p.key);
  let s = '';
  for (let i = keys.length - 1; i >= 0; i--) {
    const k = keys[i];
    s = typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${clip(k)}` : clip(k);
    if (s.length > JSON_LIMITS.chars) return clip(s);
  }
  return s;
}

const isObject = (v: unknown): v is object => typeof v === 'object' && v !== null;
const own = (o: object, key: string) => Object.hasOwn(o, key);
const keyOf = (o: object, key: string) => (Array.isArray(o) ? Number(key) : key);

/** A value as JSON text, built without recursion and stopped once past `JSON_LIMITS.chars`. */
function preview(value: unknown): string {
  let out = '';
  const todo: ({ text: string } | { value: unknown })[] = [{ value }];
  while (todo.length > 0 && out.length <= JSON_LIMITS.chars) {
    const next = todo.pop() as { text: string } | { value: unknown };
    if ('text' in next) out += next.text;
    else if (!isObject(next.value))
      out += typeof next.value === 'string' ? JSON.stringify(clip(next.value)) : String(JSON.stringify(next.value));
    else {
      const v = next.value as Record<string, unknown>;
      const array = Array.isArray(v);
      // Each entry takes a character at least: more than `chars` of them could not be shown.
      const keys = Object.keys(v).slice(0, JSON_LIMITS.chars + 1);
      todo.push({ text: array ? ']' : '}' });
      for (let i = keys.length - 1; i >= 0; i--) {
        todo.push({ value: v[keys[i]] });
        const sep = i > 0 ? ',' : '';
        if (array) todo.push({ text: sep });
        else todo.push({ text: `${sep}${JSON.stringify(clip(keys[i]))}:` });
      }
      todo.push({ text: array ? '[' : '{' });
    }
  }
  return todo.length > 0 || out.length > JSON_LIMITS.chars ? `${out.slice(0, JSON_LIMITS.chars)}…` : out;
}

/**
 * What `ours` (the tab's namespace's answer) differs in from `theirs`, in document order of
 * `theirs` (its removed and changed paths, then what `ours` adds at that level). A value that is
 * each side's own namespace name is set apart in `namesNamespace`.
 */
export function jsonDiff(theirs: object, ours: object, names: { ours: string; theirs: string }): JsonDiff {
  const out: JsonDiff = { changes: [], more: 0, namesNamespace: [], depthCut: false };
  /** Keeps a difference while there is room (its path and values shown only then), else counts it. */
  const keep = (op: JsonChange['op'], path: Path, o: unknown, t: unknown) => {
    if (out.changes.length >= JSON_LIMITS.changes) return void out.more++;
    const change: JsonChange = { op, path: pathText(path) };
    if (op !== 'removed') change.ours = preview(o);
    if (op !== 'added') change.theirs = preview(t);
    out.changes.push(change);
  };
  const todo: Step[] = [];
  /** The steps of one pair of objects at `depth`: each key of theirs in order, then the keys only ours has. */
  const open = (t: object, o: object, path: Path | undefined, depth: number) => {
    todo.push({ creates: [t, o], path });
    const keys = Object.keys(t);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i];
      const child: Path = { parent: path, key: keyOf(t, key) };
      const value = (t as Record<string, unknown>)[key];
      if (own(o, key)) todo.push({ pair: [value, (o as Record<string, unknown>)[key]], path: child, depth: depth + 1 });
      else todo.push({ removed: value, path: child });
    }
  };
  open(theirs, ours, undefined, 1);
  while (todo.length > 0) {
    const step = todo.pop() as Step;
    if ('creates' in step) {
      const [t, o] = step.creates;
      for (const key of Object.keys(o))
        if (!own(t, key))
          keep('added', { parent: step.path, key: keyOf(o, key) }, (o as Record<string, unknown>)[key], undefined);
    } else if ('removed' in step) keep('removed', step.path, undefined, step.removed);
    else {
      const [t, o] = step.pair;
      if (isObject(t) && isObject(o) && Array.isArray(t) === Array.isArray(o)) {
        if (step.depth > JSON_LIMITS.depth) out.depthCut = true;
        else open(t, o, step.path, step.depth);
      } else if (t !== o) {
        // A field that holds each side's own namespace name is the namespace speaking, not a difference.
        if (o === names.ours && t === names.theirs) {
          if (out.namesNamespace.length < JSON_LIMITS.changes) out.namesNamespace.push(pathText(step.path));
        } else keep('changed', step.path, o, t);
      }
    }
  }
  return out;
}
