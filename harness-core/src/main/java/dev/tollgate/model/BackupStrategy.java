package dev.tollgate.model;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Arrays;
import java.util.Locale;

import org.apiguardian.api.API;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a runtime backs up and restores the service's database ({@code database: backup:} in a profile).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum BackupStrategy {
    /** {@code CREATE DATABASE … TEMPLATE}: the fastest copy, inside the same server; needs a quiet database. */
    TEMPLATE,
    /** {@code pg_dump -Fc}, restored with {@code pg_restore}: what operators do, and consistent while the service runs. */
    PG_DUMP,
    /** A cold copy of the data directory: the server stopped, its files copied, started again. */
    PHYSICAL;

    @JsonValue
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static BackupStrategy forKey(String key) {
        return Arrays.stream(values()).filter(strategy -> strategy.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown backup strategy '" + key + "'; valid: "
                        + String.join(", ", Arrays.stream(values()).map(BackupStrategy::key).toList())));
    }
}
