package dev.tollgate.model;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.file.Path;
import java.util.Objects;

import org.apiguardian.api.API;

/**
 * Where something was declared: a file, a 1-based line and column. Every suite, step and check
 * carries one, so errors and IDE navigation point at the YAML a person wrote.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record SourcePosition(Path file, int line, int column) {

    public SourcePosition {
        Objects.requireNonNull(file, "file must not be null");
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
