// @ts-check
// An excerpt of the Redux documentation site's configuration (website/docusaurus.config.ts in
// https://github.com/reduxjs/redux at commit 3084fc33bb23ab4cab4796172eafe342da4e73d9, MIT,
// Copyright (c) 2015-present Dan Abramov; see docs/LICENSE). Kept: the site's URL, base URL and
// the docs plugin's route base path, which the chat backend reads (statically, never executing
// this file) to build deep links to https://redux.js.org. The docs folder here is `docs/`.

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
        },
      },
    ],
  ],
};

export default config;
