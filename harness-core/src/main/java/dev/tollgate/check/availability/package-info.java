/** The {@code availability} check: how long an upgrade left the service unreachable. */
package dev.tollgate.check.availability;
