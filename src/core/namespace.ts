import { fail, ok, type Result } from './result';

export const NAMESPACE_RULE =
  'A namespace is 1-63 characters of lowercase letters a-z, digits 0-9 and "-", starting and ending with a letter or digit.';

// Kubernetes DNS-1123 label: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#dns-label-names
const NAMESPACE = /^[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?$/;

export function isNamespace(input: unknown): boolean {
  return typeof input === 'string' && NAMESPACE.test(input);
}

/** Trims surrounding space (pasting often adds it); everything else must already be right. */
export function validateNamespace(input: unknown): Result<string> {
  if (typeof input !== 'string') return fail(`Namespace must be text. ${NAMESPACE_RULE}`);
  const value = input.trim();
  if (value === '') return fail(`Enter a namespace. ${NAMESPACE_RULE}`);
  if (NAMESPACE.test(value)) return ok(value);
  const shown = value.length > 70 ? `${value.slice(0, 67)}…` : value;
  return fail(`"${shown}" is not a valid namespace. ${NAMESPACE_RULE}`);
}
