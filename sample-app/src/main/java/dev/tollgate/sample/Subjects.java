package dev.tollgate.sample;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The known bearer tokens and whom they stand for, from SAMPLE_SUBJECTS ({@code name:role:token,...}). */
final class Subjects {

    /** Documented in README.md; used only when SAMPLE_SUBJECTS is absent, with a warning. */
    static final String DEVELOPMENT = "alice:admin:dev-admin-token,olivia:owner:dev-owner-token,"
            + "carl:contributor:dev-contributor-token,vera:viewer:dev-viewer-token";

    private record Entry(Subject subject, byte[] token) {
    }

    private final List<Entry> entries;
    private final boolean development;

    private Subjects(List<Entry> entries, boolean development) {
        this.entries = List.copyOf(entries);
        this.development = development;
    }

    /** Parses the spec, or the development subjects when it is null; errors never quote a token. */
    static Subjects fromSpec(String spec) {
        boolean development = spec == null;
        String[] items = (development ? DEVELOPMENT : spec).split(",");
        List<Entry> entries = new ArrayList<>();
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < items.length; i++) {
            String item = items[i].trim();
            if (item.isEmpty()) {
                continue;
            }
            String[] parts = item.split(":", 3);
            if (parts.length != 3 || parts[0].isBlank() || parts[2].isBlank()) {
                throw invalid(i, "is not name:role:token");
            }
            Role role;
            try {
                role = Role.parse(parts[1].trim());
            } catch (IllegalArgumentException e) {
                throw invalid(i, "has an " + e.getMessage());
            }
            String token = parts[2].trim();
            if (!tokens.add(token)) {
                throw invalid(i, "reuses a token of an earlier entry");
            }
            entries.add(new Entry(new Subject(parts[0].trim(), role), token.getBytes(StandardCharsets.UTF_8)));
        }
        if (entries.isEmpty()) {
            throw new StartupException(ExitCode.USAGE, "SAMPLE_SUBJECTS names no subjects; expected name:role:token,...");
        }
        return new Subjects(entries, development);
    }

    boolean development() {
        return development;
    }

    List<Subject> all() {
        return entries.stream().map(Entry::subject).toList();
    }

    Optional<Subject> authenticate(String token) {
        byte[] offered = token.getBytes(StandardCharsets.UTF_8);
        Subject match = null;
        // Compare with every entry in constant time, so timing does not reveal how much of a token matched.
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.token(), offered)) {
                match = entry.subject();
            }
        }
        return Optional.ofNullable(match);
    }

    private static StartupException invalid(int index, String problem) {
        return new StartupException(ExitCode.USAGE, "SAMPLE_SUBJECTS entry " + (index + 1) + " " + problem
                + "; expected name:role:token with role admin, owner, contributor or viewer.");
    }
}
