# One image per app, chosen at build time:
#   docker build --build-arg APP=gateway .   (or leads-service, lookup-service, dispatcher)
# The app runs as it does under `npm start`: its TypeScript entry through
# @swc-node/register (why: docs/decisions/004-container-image.md).

# The Node release the workspace is developed and tested on.
ARG NODE_IMAGE=node:20.20.2-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY patches ./patches
# Exactly the lock file's versions. No install scripts: nothing here needs one (the only
# package with one is a telemetry beacon), and none then runs at build time. Our own
# postinstall is run by hand: it applies the fix to kafkajs (docs/decisions/057).
RUN npm ci --ignore-scripts --no-audit --no-fund \
    && npx patch-package --error-on-fail --error-on-warn \
    && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
# Dependencies and sources stay owned by root: the app's user can read them, not change them.
COPY --from=deps /app/node_modules ./node_modules
COPY . .
# Late, so the layers above are shared by the four apps' images.
ARG APP
RUN if [ -z "${APP}" ] || [ ! -f "apps/${APP}/src/main.ts" ]; then \
      echo "build arg APP must name one of: $(ls apps)" >&2; exit 1; \
    fi
# NODE_OPTIONS: the services' Node flags (libs/config/src/node-flags.ts says why).
ENV APP=${APP} \
    SWC_NODE_PROJECT=apps/${APP}/tsconfig.app.json \
    NODE_ENV=production \
    NODE_OPTIONS=--max-semi-space-size=32
USER node
# `exec` so node itself receives SIGTERM and the app closes its consumers and pool.
CMD ["sh", "-c", "exec node -r @swc-node/register \"apps/${APP}/src/main.ts\""]
