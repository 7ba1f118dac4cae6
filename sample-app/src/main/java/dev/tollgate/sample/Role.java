package dev.tollgate.sample;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a subject may do is decided by its role alone (see {@link Policy}). */
enum Role {
    ADMIN, OWNER, CONTRIBUTOR, VIEWER;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Role parse(String value) {
        for (Role role : values()) {
            if (role.label().equals(value)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + value + "', expected one of "
                + Arrays.stream(values()).map(Role::label).collect(Collectors.joining(", ")));
    }
}
