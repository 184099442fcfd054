import { describe, expect, it } from 'vitest';
import { inEnglish } from '../../test/fixtures/words';
import { validateSubscriptionUrl } from './subscription';

describe('validateSubscriptionUrl', () => {
  it.each([
    'https://example.com/team.json',
    'http://localhost:8080/t.json',
    'http://127.0.0.1:9/t',
    'http://presets.localhost/t',
    'http://[::1]:3000/x',
  ])('accepts %s', (url) => expect(validateSubscriptionUrl(url).value).toBeTruthy());
  it.each([
    ['http://example.com/team.json', 'https'],
    ['ftp://example.com/x', 'https'],
    ['file:///etc/passwd', 'https'],
    ['https://user:pw@example.com/x', 'passwords'],
    ['not a url', 'not a URL'],
    ['', 'Enter'],
  ])('refuses %s', (url, why) => expect(inEnglish(validateSubscriptionUrl(url).error)).toContain(why));
});
