package dev.tollgate.check;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;

import org.apiguardian.api.API;

/**
 * One piece of evidence a check gathered, to be attached to the report as it is.
 *
 * @param name      what it is ("GET /health", "flyway_schema_history")
 * @param mediaType how to show it ({@code text/plain}, {@code application/json})
 * @param content   the evidence itself, with secrets already masked
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Evidence(String name, String mediaType, String content) {

    public Evidence {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(mediaType, "mediaType must not be null");
        Objects.requireNonNull(content, "content must not be null");
    }

    public static Evidence text(String name, String content) {
        return new Evidence(name, "text/plain", content);
    }

    public static Evidence json(String name, String content) {
        return new Evidence(name, "application/json", content);
    }
}
