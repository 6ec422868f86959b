/**
 * Links to the outside from data the tools sent (an item's `url`): only `http:` and `https:`
 * addresses become links. Anything else — `javascript:`, `data:`, `vbscript:`, a relative path, text
 * that is no URL — is shown as text, so a hostile record cannot make a link that runs code.
 */

/** The URL, normalised, when it is an absolute http(s) URL; null otherwise. */
export function safeExternalUrl(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
}
