/** The {@code sql} check type: one statement against the service's database, its result compared. */
package dev.tollgate.check.sql;
