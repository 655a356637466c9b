# leadhooks/node:20-bookworm: stands in for node:20.20.2-bookworm-slim where no image
# registry is reachable. Debian bookworm's own nodejs is 18, and the workspace needs 20.19+,
# so the build context (made by images.sh) holds this machine's node binary and npm.
ARG BASE=leadhooks/debian-base:bookworm
FROM ${BASE}
COPY node /usr/local/bin/node
COPY npm /usr/local/lib/node_modules/npm
# This machine's trust store, for npm ci in the app image (images.sh says why).
COPY ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
# The `node` user (uid 1000) of the official image, which the root Dockerfile runs as.
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && groupadd --gid 1000 node \
 && useradd --uid 1000 --gid node --shell /bin/sh --create-home node \
 && node --version && npm --version
CMD ["node"]
