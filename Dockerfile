# Production image: the production start of ../shared/spec/interfaces.md section 5, exactly:
#   npm ci && npm run build && npm prune --omit=dev, then node dist/src/main.js
# The service finds faq/, flows/ and its static pages from its package root (/app), so it runs
# from any working directory; it runs from the data volume (whatsapp-web.js keeps a cache in the
# working directory) as the unprivileged `node` user.

# ---- build: install everything, compile, drop development dependencies
FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles its native addon from source when no prebuilt binary matches.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json .puppeteerrc.cjs ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# ---- runtime: compiled JavaScript, production dependencies, data files, Debian's Chromium
FROM node:20-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends chromium ca-certificates curl \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# What the service needs at run time (test/integration/production-start.test.ts assembles the
# same layout from these lines and starts it from another directory).
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/faq ./faq
COPY --from=build /app/flows ./flows
COPY --from=build /app/src/console/public ./src/console/public
COPY --from=build /app/channels/webchat/public ./channels/webchat/public
# The data volume belongs to the unprivileged user (a new named volume copies this ownership).
RUN mkdir -p /data && chown node:node /data
ENV NODE_ENV=production PORT=3000 DATA_DIR=/data CHROMIUM_PATH=/usr/bin/chromium
USER node
WORKDIR /data
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=5 CMD curl -fsS http://127.0.0.1:3000/readyz || exit 1
CMD ["node", "/app/dist/src/main.js"]
