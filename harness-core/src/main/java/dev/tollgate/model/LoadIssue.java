package dev.tollgate.model;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;

import org.apiguardian.api.API;

import dev.tollgate.model.SourcePosition;

/**
 * One problem found while loading a suite: where it is and what is wrong, written for the person
 * who edits the file ({@code file:line:column: what was found; what would be valid}).
 *
 * @param position the file, 1-based line and column the problem points at
 * @param message  what was found and what would be valid
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record LoadIssue(SourcePosition position, String message) {

    public LoadIssue {
        Objects.requireNonNull(position, "position must not be null");
        Objects.requireNonNull(message, "message must not be null");
    }

    @Override
    public String toString() {
        return position + ": " + message;
    }
}
