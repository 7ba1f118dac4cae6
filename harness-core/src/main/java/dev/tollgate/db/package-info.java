/**
 * Database evidence: what the harness records about a PostgreSQL database at one point
 * ({@link dev.tollgate.db.Snapshot}) and how two such records compare.
 *
 * <ul>
 *   <li>{@link dev.tollgate.db.SchemaSnapshot} and {@link dev.tollgate.db.SchemaDiff}: the shape of the
 *       schema and what changed, for the convergence check;</li>
 *   <li>{@link dev.tollgate.db.MigrationSafety}: a schema diff classified as backward-safe or not, for the
 *       safety check;</li>
 *   <li>{@link dev.tollgate.db.DataFingerprint} and {@link dev.tollgate.db.FingerprintComparison}: row
 *       counts and order-independent content hashes, for the data and restore checks;</li>
 *   <li>{@link dev.tollgate.db.ColumnFingerprints}: each column hashed with its row's primary key, so a
 *       table whose shape changed still compares on the columns both shapes have, renamed ones too;</li>
 *   <li>{@link dev.tollgate.db.MigrationHistories}: the history tables of Flyway, Liquibase, sqlx, Ecto,
 *       golang-migrate and Atlas, read into one {@link dev.tollgate.db.MigrationHistory}.</li>
 * </ul>
 *
 * <p>Everything is computed inside PostgreSQL (12 or newer) over JDBC, in one read-only, repeatable-read
 * transaction per reading, so a fingerprint of a large table costs one scan in the server and no row
 * travels to the JVM. Identifiers are always quoted; values are always bound.
 */
package dev.tollgate.db;
