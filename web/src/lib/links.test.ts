import { describe, expect, it } from 'vitest';
import { safeExternalUrl } from './links';

describe('external links from data', () => {
  it('keeps absolute http and https URLs', () => {
    expect(safeExternalUrl('https://jira.example.com/browse/PAY-1')).toBe(
      'https://jira.example.com/browse/PAY-1',
    );
    expect(safeExternalUrl('http://example.com')).toBe('http://example.com/');
    expect(safeExternalUrl('  HTTPS://Example.com/a b ')).toBe('https://example.com/a%20b');
  });

  it('refuses every other scheme, relative paths and text', () => {
    for (const value of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      '/relative/path',
      '//evil.example/x',
      'not a url',
      '',
      null,
      undefined,
    ])
      expect(safeExternalUrl(value), String(value)).toBeNull();
  });
});
