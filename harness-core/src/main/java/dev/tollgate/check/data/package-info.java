/**
 * The {@code data} check type: every row that existed at a snapshot is still there, compared by
 * row counts and content fingerprints computed in the database, on the columns both shapes share.
 */
package dev.tollgate.check.data;
