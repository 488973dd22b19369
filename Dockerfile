# Hugging Face Docker Space: listens on 7860 as the non-root user with uid 1000 (`node` in this image).
# scripts/container-smoke.sh reproduces these steps without a Docker engine; keep the two in step.
ARG NODE_IMAGE=node:24-bookworm-slim

# --- build: every dependency from the lock, build outputs, and the prebuilt embedded index ---
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-fund --no-audit
COPY . .
# Space variables reach the build as build arguments (secrets do not: no key is needed here).
ARG SITE_URL=""
ENV DATA_DIR=/app/data \
    DOCS_DIR=/app/examples/docusaurus/docs \
    SITE_URL=${SITE_URL}
# `build` is optional (e.g. dist/widget.js); the index is built now so a restart serves at once:
# a Space's disk does not persist, so the start-up sync then finds every page unchanged.
RUN mkdir -p dist && npm run build --if-present && npm run ingest

# --- deps: production dependencies only ---
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev --no-fund --no-audit && npm cache clean --force

# --- run: production dependencies, sources, built outputs and the prebuilt index ---
FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    HOME=/home/node \
    PORT=7860 \
    HOST=0.0.0.0 \
    DATA_DIR=/home/node/app/data \
    DOCS_DIR=/home/node/app/examples/docusaurus/docs
WORKDIR /home/node/app
COPY --chown=node:node package.json package-lock.json ./
COPY --chown=node:node --from=deps /app/node_modules ./node_modules
COPY --chown=node:node src ./src
COPY --chown=node:node examples/docusaurus ./examples/docusaurus
COPY --chown=node:node --from=build /app/dist ./dist
COPY --chown=node:node --from=build /app/data ./data
USER node
EXPOSE 7860
# No curl in the slim image: Node's own fetch checks /health.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 7860) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node 24 runs the TypeScript sources directly (type stripping): no compile step for src/.
CMD ["node", "src/main.ts"]
