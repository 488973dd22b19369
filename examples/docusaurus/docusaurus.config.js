// @ts-check
// An excerpt of the Redux documentation site's configuration (website/docusaurus.config.ts in
// https://github.com/reduxjs/redux at commit 3084fc33bb23ab4cab4796172eafe342da4e73d9, MIT,
// Copyright (c) 2015-present Dan Abramov; see docs/LICENSE). Kept: the site's URL, base URL and
// the docs plugin's route base path, which the chat backend reads (statically, never executing
// this file) to build deep links to https://redux.js.org. The docs folder here is `docs/`.
// Added for a buildable example site: the sidebar, the navbar, link checks relaxed (the excerpt
// links to Redux pages it does not contain) and the `scripts` entry that loads the chat widget.

/** @type {import('@docusaurus/types').Config} */
const config = {
  title: 'Redux',
  tagline: 'A JS library for predictable and maintainable global state management',
  url: 'https://redux.js.org',
  baseUrl: '/',
  favicon: 'img/favicon/favicon.ico',
  organizationName: 'reduxjs',
  projectName: 'redux',
  presets: [
    [
      '@docusaurus/preset-classic',
      {
        docs: {
          path: 'docs',
          routeBasePath: '/',
          include: ['{api,faq,introduction,tutorials,understanding,usage}/**/*.{md,mdx}'],
          sidebarPath: './sidebars.js',
        },
        blog: false,
      },
    ],
  ],
  // The chat widget, served by the chat backend (here one started with `npm start` on port 7860).
  scripts: [
    {
      src: 'http://localhost:7860/widget.js',
      defer: true,
      'data-title': 'Ask the Redux docs',
      'data-accent': '#764abc',
      'data-placeholder': 'Ask a question about Redux…',
      'data-examples': 'What is a reducer?|How do I test a Redux app?',
    },
  ],
  // The excerpt links to many Redux pages it does not contain.
  onBrokenLinks: 'warn',
  onBrokenAnchors: 'warn',
  markdown: { hooks: { onBrokenMarkdownLinks: 'warn' } },
  themeConfig: {
    navbar: {
      title: 'Redux (sample book)',
      items: [{ type: 'docSidebar', sidebarId: 'book', position: 'left', label: 'Docs' }],
    },
  },
};

export default config;
