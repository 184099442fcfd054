import { describe, expect, it } from 'vitest';
import { readSpaces, validateInstanceUrl } from './okteto';

const I = 'https://okteto.example.com';

describe('validateInstanceUrl', () => {
  it.each([
    ['https://okteto.example.com/', I],
    ['okteto.example.com', I],
    ['https://okteto.example.com/#/spaces', I],
    ['http://localhost:8080', 'http://localhost:8080'],
  ])('%s → %s', (input, origin) => expect(validateInstanceUrl(input).value).toBe(origin));
  it.each([
    ['', 'Enter your Okteto instance URL'],
    ['http://okteto.example.com', 'https'],
    ['https://u:p@okteto.example.com', 'token goes in its own field'],
    ['::::', 'not a URL'],
  ])('refuses %j', (input, why) => expect(validateInstanceUrl(input).error).toContain(why));
});

describe('readSpaces', () => {
  const ok = (body: unknown) => readSpaces(I, 200, 'application/json', JSON.stringify(body));
  it('reads namespaces, sorted, valid ones only, once each', () => {
    expect(
      ok({
        data: {
          spaces: [{ id: 'bob', owner: 'b' }, { id: 'alice', owner: 'a' }, { id: 'Bad Name' }, { id: 3 }, { id: 'alice' }],
        },
      }),
    ).toEqual({
      value: ['alice', 'bob'],
    });
  });
  it.each([
    [401, 'application/json', '{}', 'expired or was revoked'],
    [403, 'text/plain', 'no', `${I}/#/settings/setup`],
    [500, 'text/plain', 'oops', 'HTTP 500'],
    [502, 'text/html', '<html>', 'HTTP 502'],
    [200, 'text/html', '<html><body>login</body></html>', 'answered a web page'],
    [200, 'application/json', 'not json', 'not JSON'],
    [200, 'application/json', '{"errors":[{"message":"boom"}]}', 'Okteto answered with an error: boom'],
    [200, 'application/json', '{"errors":[{"message":"unauthorized"}]}', 'personal access token'],
    [200, 'application/json', '{"data":{"other":[]}}', 'did not answer the namespaces query'],
  ])('maps %d %s %j to a message', (status, type, body, words) => {
    expect(readSpaces(I, status, type, body).error).toContain(words);
  });
  it('refuses a body past the limit', () => {
    expect(readSpaces(I, 200, 'application/json', undefined).error).toContain('1 MiB');
  });
});
