/** The {@code migrations} check type: the migration history read from the tool's own table and judged. */
package dev.tollgate.check.migrations;
