package dev.tollgate.db;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * One row of a migration tool's history, in the tool's own terms.
 *
 * @param version     the migration's version or id; {@code null} for Flyway's repeatable migrations,
 *                    which are known by their description
 * @param description what the tool recorded about it; {@code null} where the tool records nothing
 *                    (Ecto, golang-migrate)
 * @param checksum    the tool's checksum as text (Flyway's integer, Liquibase's md5sum, sqlx's bytes in
 *                    hex, Atlas's hash); {@code null} where the tool keeps none
 * @param installedOn when it was applied, as PostgreSQL prints it (in UTC where the column has a zone);
 *                    {@code null} where the tool keeps no time (golang-migrate)
 * @param success     false when the tool recorded a failure (or, for golang-migrate, a dirty version)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record AppliedMigration(String version, String description, String checksum, String installedOn, boolean success) {

    /** {@code 2  add priority  checksum 1234  2024-05-01 10:00:00  FAILED}. */
    public String toText() {
        StringBuilder text = new StringBuilder(version == null ? "(repeatable)" : version);
        if (description != null) {
            text.append("  ").append(description);
        }
        if (checksum != null) {
            text.append("  checksum ").append(checksum);
        }
        if (installedOn != null) {
            text.append("  ").append(installedOn);
        }
        return text.append(success ? "  success" : "  FAILED").toString();
    }
}
