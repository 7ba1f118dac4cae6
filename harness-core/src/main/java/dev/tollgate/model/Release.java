package dev.tollgate.model;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;

import org.apiguardian.api.API;

/**
 * One deployable version of the service under test: an image tag (compose), a launch argument
 * (local), or whatever is running (staging). Only its id is known to the harness; what the release
 * does is learnt by observing it.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Release(String id) {

    public Release {
        Objects.requireNonNull(id, "release id must not be null");
        if (id.isBlank()) {
            throw new IllegalArgumentException("release id must not be blank");
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
