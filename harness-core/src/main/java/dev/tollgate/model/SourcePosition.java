package dev.tollgate.model;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.file.Path;
import java.util.Objects;

import org.apiguardian.api.API;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where something was declared: a file, a 1-based line and column. Every suite, step and check
 * carries one, so errors and IDE navigation point at the YAML a person wrote.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record SourcePosition(Path file, int line, int column) {

    public SourcePosition {
        Objects.requireNonNull(file, "file must not be null");
    }

    /** {@code file:line:column}, as errors print it and a run record writes it. */
    @JsonValue
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }

    /** Reads {@link #toString()}'s form back: {@code /path/to/suite.yaml:12:5}. */
    @JsonCreator
    public static SourcePosition parse(String text) {
        int column = text == null ? -1 : text.lastIndexOf(':');
        int line = column <= 0 ? -1 : text.lastIndexOf(':', column - 1);
        try {
            if (line <= 0) {
                throw new NumberFormatException();
            }
            return new SourcePosition(Path.of(text.substring(0, line)), Integer.parseInt(text.substring(line + 1, column)),
                    Integer.parseInt(text.substring(column + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a position; expected file:line:column");
        }
    }
}
