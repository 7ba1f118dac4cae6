/** The {@code safety} check type: the schema change since a snapshot, classified as backward-safe or not. */
package dev.tollgate.check.safety;
