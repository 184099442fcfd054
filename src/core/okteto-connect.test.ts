import { describe, expect, it } from 'vitest';
import { inEnglish } from '../../test/fixtures/words';
import { readContextShow, validateInstanceUrl } from './okteto-connect';

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
  ])('refuses %j', (input, why) => expect(inEnglish(validateInstanceUrl(input).error)).toContain(why));
});

describe('the pasted context', () => {
  it('reads what `okteto context show --include-token` prints (okteto/okteto cmd/context/show.go)', async () => {
    const printed = JSON.stringify(
      {
        name: 'https://okteto.example.com',
        id: '0a1b2c',
        username: 'alice',
        token: 'okteto-pat-0123456789abcdef',
        namespace: 'alice',
        builder: 'tcp://buildkit.okteto.example.com:443',
        registry: 'registry.okteto.example.com',
        personalNamespace: 'alice',
        isOkteto: true,
      },
      null,
      '  ',
    );
    expect(readContextShow(printed)).toEqual({
      value: { url: 'https://okteto.example.com', token: 'okteto-pat-0123456789abcdef' },
    });
    const { token: _t, ...withoutToken } = JSON.parse(printed);
    expect(inEnglish(readContextShow(JSON.stringify(withoutToken)).error)).toContain('--include-token');
    expect(
      inEnglish(readContextShow(JSON.stringify({ ...withoutToken, name: 'minikube', isOkteto: false, token: 'x' })).error),
    ).toContain('Kubernetes context');
    expect(inEnglish(readContextShow('okteto-pat-123').error)).toContain('not the JSON');
    expect(inEnglish(readContextShow(JSON.stringify({ name: 'http://okteto.example.com', token: 'abcdefgh1' })).error)).toContain(
      'https',
    );
  });
});
