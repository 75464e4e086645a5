# syntax=docker/dockerfile:1
# One image for the api, the worker and the one-shot migrate: deploy/docker/entrypoint.sh picks the
# process from the command (`api`, `worker`, `migrate`, `cli <command>`).
# deploy/docker/run-dockerfile.mjs runs these steps outside Docker (npm test), so keep every RUN a
# plain shell command with paths relative to WORKDIR.
ARG NODE_IMAGE=node:20.19.5-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
# Dependencies first, so a source change does not reinstall them.
COPY package.json package-lock.json tsconfig.base.json ./
COPY sdk/package.json sdk/
COPY clearing-service/package.json clearing-service/
RUN npm ci --workspace sdk --workspace clearing-service --include-workspace-root --ignore-scripts --no-audit --no-fund
COPY sdk/ sdk/
COPY clearing-service/ clearing-service/
RUN npm run -w sdk build && npm run -w clearing-service build
RUN npm prune --omit=dev --workspace sdk --workspace clearing-service --include-workspace-root --ignore-scripts --no-audit --no-fund && rm -rf sdk/src clearing-service/src clearing-service/test clearing-service/bench
COPY deploy/docker/entrypoint.sh deploy/docker/

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production HTTP_HOST=0.0.0.0 HTTP_PORT=3000
WORKDIR /app
COPY --from=build /app /app
# The node user of the official image, by number so that runAsNonRoot can verify it.
USER 1000:1000
EXPOSE 3000
ENTRYPOINT ["deploy/docker/entrypoint.sh"]
CMD ["api"]
