/**
 * The {@code compose} runtime: the service and its database deployed with a compose file through
 * the compose CLI (v2 {@code docker compose} or v1 {@code docker-compose}), one compose project per
 * scenario, with exec, logs and clean-up through the Docker API. Everything it creates carries the
 * {@link dev.tollgate.runtime.compose.DockerEngine#RUN_LABEL} label, so nothing outlives a run.
 */
package dev.tollgate.runtime.compose;
