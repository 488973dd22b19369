/**
 * The form in which page URLs are compared: scheme, host and path, without `#anchor`, query or
 * trailing slashes (`https://x.dev/api/store/?a=1#b` → `https://x.dev/api/store`), so a reader's
 * page URL finds its stored document whichever way the site spells it. Null for non-URLs.
 */
export function pageUrlKey(url: string): string | null {
  if (!URL.canParse(url)) return null;
  const { origin, pathname } = new URL(url);
  if (origin === 'null') return null;
  let end = pathname.length;
  while (end > 0 && pathname.charCodeAt(end - 1) === 47 /* '/' */) end -= 1;
  return `${origin}${pathname.slice(0, end)}`;
}
