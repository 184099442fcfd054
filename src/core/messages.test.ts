import { describe, expect, it } from 'vitest';
import { inEnglish } from '../../test/fixtures/words';
import { validateCommand } from './messages';

describe('validateCommand', () => {
  it('accepts well-formed commands', () => {
    expect(validateCommand({ type: 'setPaused', paused: true }).value).toEqual({ type: 'setPaused', paused: true });
    expect(validateCommand({ type: 'pinTab', tabId: 3, namespace: null }).value).toBeTruthy();
  });

  it.each([
    [null, 'Message'],
    ['setPaused', 'Message'],
    [{ type: 'nope' }, 'type'],
    [{ type: 'setPaused', paused: 'yes' }, 'paused'],
    [{ type: 'pinTab', tabId: -1, namespace: 'a' }, 'tabId'],
    [{ type: 'pinTab', tabId: 1.5, namespace: 'a' }, 'tabId'],
    [{ type: 'pinTab', tabId: 1, namespace: 'Bad' }, 'namespace'],
    [{ type: 'removeDomain', domain: 'com' }, 'domain'],
    [{ type: 'addDomain', domain: 'x'.repeat(3000), enabled: true }, 'domain'],
  ])('refuses %j, naming %s', (input, where) => {
    expect(inEnglish(validateCommand(input).error)).toContain(where);
  });
});
