# Hugging Face Docker Space: listens on 7860 as the non-root user with uid 1000.
FROM node:24-bookworm-slim

ENV NODE_ENV=production \
    PORT=7860 \
    HOST=0.0.0.0 \
    DATA_DIR=/home/node/app/data \
    DOCS_DIR=/home/node/app/docs

# The node image already has user `node` with uid 1000, which is what Spaces run as.
WORKDIR /home/node/app
COPY --chown=node:node package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --chown=node:node src ./src
COPY --chown=node:node examples/docusaurus/docs ./docs
# Beside docs/, as in the example site, so the sample book's sources link to redux.js.org.
COPY --chown=node:node examples/docusaurus/docusaurus.config.js ./docusaurus.config.js
RUN mkdir -p /home/node/app/data && chown node:node /home/node/app/data

USER node
EXPOSE 7860
# Node 24 runs the TypeScript sources directly (type stripping): no build step, no dist/.
CMD ["node", "src/main.ts"]
