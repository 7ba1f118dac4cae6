package dev.tollgate.sample;

import java.time.Instant;

/**
 * A mission as this release's code sees it. {@code name} holds missions.title on 2.0.0; notes and
 * priority are null where the release's code does not read them.
 */
record Mission(long id, String name, String owner, String status, String notes, Integer priority,
               Instant createdAt, Instant updatedAt) {
}
