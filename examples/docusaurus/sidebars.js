// @ts-check
// One sidebar for the sample book, in reading order.

/** @type {import('@docusaurus/plugin-content-docs').SidebarsConfig} */
const sidebars = {
  book: [
    {
      type: 'category',
      label: 'Introduction',
      items: ['introduction/getting-started', 'introduction/installation', 'introduction/core-concepts'],
    },
    { type: 'category', label: 'Tutorials', items: ['tutorials/quick-start'] },
    {
      type: 'category',
      label: 'Understanding Redux',
      items: [
        'understanding/thinking-in-redux/motivation',
        'understanding/thinking-in-redux/three-principles',
        'understanding/thinking-in-redux/glossary',
      ],
    },
    { type: 'category', label: 'Usage', items: ['usage/writing-tests'] },
    { type: 'category', label: 'FAQ', items: ['faq/reducers', 'faq/store-setup', 'faq/performance'] },
    { type: 'category', label: 'API', items: ['api/store', 'api/combinereducers'] },
  ],
};

export default sidebars;
