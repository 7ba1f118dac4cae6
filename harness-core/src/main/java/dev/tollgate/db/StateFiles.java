package dev.tollgate.db;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apiguardian.api.API;

/**
 * The profile's state outside PostgreSQL, read and compared: what a snapshot keeps of it, and what the
 * {@code data} check says about it since a snapshot.
 */
@API(status = INTERNAL, since = "0.2")
public final class StateFiles {

    private StateFiles() {
    }

    /** Every state directory's fingerprint now, by name. */
    public static Map<String, StateFingerprint> read(Map<String, Path> directories) {
        Map<String, StateFingerprint> state = new LinkedHashMap<>();
        directories.forEach((name, directory) -> state.put(name, StateFingerprint.read(name, directory)));
        return state;
    }

    /**
     * What became of the files of each state since a snapshot: lost files always fail; changed files
     * fail unless the state's name is among {@code expectedToChange}; added files are reported only.
     *
     * @return the failures, then the notes, each as a sentence
     */
    public static Findings since(Snapshot snapshot, Map<String, Path> directories, Set<String> expectedToChange) {
        List<String> failures = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        StringBuilder evidence = new StringBuilder();
        snapshot.state().forEach((name, was) -> {
            Path directory = directories.get(name);
            if (directory == null) {
                notes.add("state '" + name + "' of snapshot " + snapshot.name() + " is no longer declared in the profile");
                return;
            }
            StateFingerprint now = StateFingerprint.read(name, directory);
            List<String> lost = was.lostIn(now);
            List<String> changed = was.changedIn(now);
            List<String> added = was.addedIn(now);
            if (!lost.isEmpty()) {
                failures.add(lost.size() + " file(s) of state '" + name + "' lost since snapshot " + snapshot.name() + ": "
                        + String.join(", ", lost) + " (in " + directory + ")");
            }
            if (!changed.isEmpty()) {
                (expectedToChange.contains(name) ? notes : failures).add(changed.size() + " file(s) of state '" + name
                        + "' changed since snapshot " + snapshot.name() + ": " + String.join(", ", changed)
                        + (expectedToChange.contains(name) ? " (declared under changes:)" : "; declare changes: [" + name
                                + "] if the service rewrites them"));
            }
            if (!added.isEmpty()) {
                notes.add(added.size() + " file(s) of state '" + name + "' added: " + String.join(", ", added));
            }
            evidence.append("was:\n").append(was.toText()).append("now:\n").append(now.toText());
        });
        return new Findings(failures, notes, evidence.toString());
    }

    /**
     * @param failures what fails the check
     * @param notes    what is only reported
     * @param evidence both fingerprints of every state, as text
     */
    public record Findings(List<String> failures, List<String> notes, String evidence) {

        public Findings {
            failures = List.copyOf(failures);
            notes = List.copyOf(notes);
        }
    }
}
