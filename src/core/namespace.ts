import { fail, ok, problem, type Result } from './result';

/** What a namespace may be, said after every refusal. */
export const NAMESPACE_RULE = problem('namespaceRule');

// Kubernetes DNS-1123 label: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#dns-label-names
const NAMESPACE = /^[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?$/;

export function isNamespace(input: unknown): boolean {
  return typeof input === 'string' && NAMESPACE.test(input);
}

/** Trims surrounding space (pasting often adds it); everything else must already be right. */
export function validateNamespace(input: unknown): Result<string> {
  if (typeof input !== 'string') return fail('namespaceNotText', NAMESPACE_RULE);
  const value = input.trim();
  if (value === '') return fail('namespaceEmpty', NAMESPACE_RULE);
  if (NAMESPACE.test(value)) return ok(value);
  const shown = value.length > 70 ? `${value.slice(0, 67)}…` : value;
  return fail('namespaceInvalid', shown, NAMESPACE_RULE);
}
