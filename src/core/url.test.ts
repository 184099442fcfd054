import { describe, expect, it } from 'vitest';
import { webHost } from './url';

describe('webHost', () => {
  it('reads hosts of web pages only', () => {
    expect(webHost('https://a.example.com:8443/x')).toBe('a.example.com');
    expect(webHost('chrome://extensions')).toBeUndefined();
    expect(webHost('not a url')).toBeUndefined();
    expect(webHost(undefined)).toBeUndefined();
  });
});
