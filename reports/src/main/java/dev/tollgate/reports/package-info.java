/**
 * The release-readiness report of a rehearsal: {@link dev.tollgate.reports.ReadinessReport} reads
 * the run record the suites module wrote, lets the gate decide, writes
 * {@code release-readiness.json} and {@code release-readiness.md}, and fails the build on anything
 * but GO unless the gate is report-only.
 */
package dev.tollgate.reports;
