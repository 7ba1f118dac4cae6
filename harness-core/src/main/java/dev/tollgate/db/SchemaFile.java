package dev.tollgate.db;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

import org.apiguardian.api.API;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * A schema kept as a JSON file, so a later run can compare a live database with it: the
 * {@code convergence} check records the candidate's clean-install schema
 * ({@code clean-install-RELEASE.schema.json} in the evidence directory) and the {@code drift}
 * check reads it back against a deployment.
 *
 * @param release    the release whose clean install the schema is
 * @param recordedAt when it was read
 * @param schema     the schema itself
 */
@API(status = INTERNAL, since = "0.1")
public record SchemaFile(String release, Instant recordedAt, SchemaSnapshot schema) {

    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public SchemaFile {
        Objects.requireNonNull(release, "release must not be null");
        Objects.requireNonNull(schema, "schema must not be null");
    }

    /**
     * Where the clean-install schema of {@code release} is kept: a file in the evidence directory, next
     * to {@code run.json} (the directories there are runs).
     */
    public static Path cleanInstallPath(Path evidenceDir, String release) {
        return evidenceDir.resolve("clean-install-" + release.replaceAll("[^A-Za-z0-9._-]", "_") + ".schema.json");
    }

    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        JSON.writeValue(partial.toFile(), this);
        // Whole or not at all: a reader never sees half a schema.
        Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** @throws IOException when the file is missing or is not a schema file, with the reason */
    public static SchemaFile read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), SchemaFile.class);
    }
}
