import { describe, expect, it } from 'vitest';
import { settingsWith } from '../../test/fixtures/settings';
import { callerHost, divertedHostsCalled } from './callers';

describe('divertedHostsCalled', () => {
  const s = settingsWith(['okteto.example.com', { domain: 'off.example.org', enabled: false }]);
  it('lists the diverted hosts a page called, once each, bounded', () => {
    const urls = [
      'http://localhost:3000/app.js',
      'https://catalog-staging.okteto.example.com/api',
      'https://catalog-staging.okteto.example.com/api/2',
      'https://off.example.org/x',
      'https://notokteto.example.com/x',
      'not a url',
      'wss://okteto.example.com/socket',
    ];
    expect(divertedHostsCalled(urls, s)).toEqual(['catalog-staging.okteto.example.com', 'okteto.example.com']);
    expect(divertedHostsCalled(urls, s, 1)).toHaveLength(1);
  });
});

describe('callerHost', () => {
  it.each([
    ['localhost:3000', 'localhost'],
    ['http://localhost:3000/app', 'localhost'],
    ['127.0.0.1', '127.0.0.1'],
    ['App.Example.NET', 'app.example.net'],
  ])('%s → %s', (input, host) => expect(callerHost(input)).toBe(host));
  it.each(['', ' ', 'a b', '*', 'http://'])('refuses %j', (input) => expect(callerHost(input)).toBeUndefined());
});
