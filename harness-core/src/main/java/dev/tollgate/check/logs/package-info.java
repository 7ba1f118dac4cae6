/** The {@code logs} check type: no failure pattern in the running release's log of the current phase. */
package dev.tollgate.check.logs;
