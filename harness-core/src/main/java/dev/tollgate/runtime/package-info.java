/**
 * Deploying the system under test: the embedded {@code local} runtime, service processes,
 * readiness probes, and the guarantee that a run leaves nothing behind.
 */
package dev.tollgate.runtime;
