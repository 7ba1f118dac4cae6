/**
 * Immutable records of what a user declares: profiles, releases, suites, steps and checks. No I/O.
 */
package dev.tollgate.model;
