# ---- Stage 1: install all dependencies, build, then drop dev dependencies ----
FROM node:22-bookworm-slim AS build
WORKDIR /app

# Lockfile first so the dependency layer is cached until it changes.
COPY package.json package-lock.json ./
RUN npm ci

COPY . .
RUN npm run build \
 && npm prune --omit=dev

# ---- Stage 2: runtime ----
FROM node:22-bookworm-slim
WORKDIR /app

ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/app/data

# Application files stay owned by root (read-only to the app); only the data
# directory is writable: the embedded database (when DATABASE_URL is unset) and
# the signing key's file scimd.key (when JWT_SECRET and KEY_FILE are unset) live
# there, so mount a volume at /app/data even with PostgreSQL.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
RUN mkdir -p /app/data && chown node:node /app/data

USER node
EXPOSE 3000

# No curl in slim images: use node's built-in fetch. /health/ready answers 503
# until the database is reachable and migrations are applied.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# Exec form: node is PID 1 and receives SIGTERM directly (graceful shutdown).
CMD ["node", "dist/main.js"]
