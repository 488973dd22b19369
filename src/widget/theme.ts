/**
 * Mirrors the book's colour mode onto the widget host: Docusaurus sets `html[data-theme]` to
 * `light` or `dark`; pages without it follow the system preference.
 */
export function followTheme(host: HTMLElement): void {
  const root = document.documentElement;
  const media = matchMedia('(prefers-color-scheme: dark)');
  const apply = (): void => {
    const theme = root.getAttribute('data-theme') ?? (media.matches ? 'dark' : 'light');
    host.setAttribute('data-theme', theme === 'dark' ? 'dark' : 'light');
  };
  apply();
  new MutationObserver(apply).observe(root, { attributes: true, attributeFilter: ['data-theme'] });
  media.addEventListener('change', apply);
}
