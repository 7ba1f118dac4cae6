package dev.tollgate.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.platform.engine.ConfigurationParameters;

import dev.tollgate.api.Constants;
import dev.tollgate.api.Hints;
import dev.tollgate.load.ProfileLoader;
import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;
import dev.tollgate.model.MatrixSpec;
import dev.tollgate.model.Profile;
import dev.tollgate.model.Release;
import dev.tollgate.model.Releases;
import dev.tollgate.model.UpgradePath;
import dev.tollgate.model.Variables;
import dev.tollgate.model.ReleaseDefaults;

/**
 * The {@code tollgate.*} settings of one run, typed. JUnit's configuration parameters fall back to
 * JVM system properties, so {@code -Dtollgate.candidate=…} on the Maven command line reaches here.
 */
record TollgateConfiguration(String profile, Path profilesDir, Release previous, Release candidate,
        Path evidenceDir, Path workDir, List<Release> chain, Map<String, String> target, boolean allowDestructive,
        boolean parallel, int lockProbeTables, List<UpgradePath> paths) {

    /** How many of the largest tables the lock probe watches during an upgrade when not told. */
    static final int DEFAULT_LOCK_PROBE_TABLES = 5;

    TollgateConfiguration {
        chain = List.copyOf(chain);
        target = Map.copyOf(target);
        paths = List.copyOf(paths);
    }

    static TollgateConfiguration from(ConfigurationParameters parameters) {
        List<Release> chain = parameters.get(Constants.CHAIN).stream()
                .flatMap(value -> Arrays.stream(value.split(","))).map(String::strip).filter(id -> !id.isEmpty())
                .map(Release::new).toList();
        if (chain.size() == 1) {
            throw new TollgateException(ErrorCode.LOAD_INVALID_SETTING, "-D" + Constants.CHAIN + "=" + chain.get(0)
                    + " names one release; a chain needs at least two, like -D" + Constants.CHAIN + "=1.0.0,1.1.0,2.0.0");
        }
        String profile = given(parameters, Constants.PROFILE).orElse(Constants.DEFAULT_PROFILE);
        Path profilesDir = parameters.get(Constants.PROFILES_DIR).map(Path::of).orElseGet(TollgateConfiguration::findProfilesDir);
        List<String> previousReleases = MatrixSpec.parse(given(parameters, Constants.PREVIOUS).orElse(null)).previous();
        if (!chain.isEmpty() && previousReleases.size() > 1) {
            throw new TollgateException(ErrorCode.LOAD_INVALID_SETTING, "-D" + Constants.CHAIN + " is one upgrade path;"
                    + " -D" + Constants.PREVIOUS + "=" + String.join(",", previousReleases) + " asks for a matrix of"
                    + " paths. Give one of them");
        }
        Optional<String> candidate = given(parameters, Constants.CANDIDATE);
        Profile loaded = chain.isEmpty() && (previousReleases.isEmpty() || candidate.isEmpty())
                ? new ProfileLoader(Variables.fromSystem()).locateAndLoad(profile, profilesDir) : null;
        ReleaseDefaults defaults = loaded == null ? ReleaseDefaults.NONE : loaded.defaults();
        if (previousReleases.isEmpty() && loaded != null) {
            previousReleases = !loaded.matrix().previous().isEmpty() ? loaded.matrix().previous()
                    : Optional.ofNullable(defaults.previous()).stream().toList();
        }
        Release candidateRelease = chain.isEmpty() ? new Release(candidate.or(() -> Optional.ofNullable(defaults.candidate()))
                .orElseThrow(() -> noRelease(Constants.CANDIDATE, "about to ship", profile))) : chain.get(chain.size() - 1);
        if (chain.isEmpty() && previousReleases.isEmpty()) {
            throw noRelease(Constants.PREVIOUS, "in production", profile);
        }
        List<UpgradePath> paths = chain.isEmpty()
                ? previousReleases.stream().map(id -> UpgradePath.of(id, candidateRelease.id())).toList()
                : List.of(new UpgradePath(chain.stream().map(Release::id).toList()));
        return new TollgateConfiguration(profile, profilesDir, new Release(paths.get(0).previous()), candidateRelease,
                parameters.get(Constants.EVIDENCE_DIR).map(Path::of).orElse(Path.of("target", "tollgate")).toAbsolutePath(),
                parameters.get(Constants.WORK_DIR).map(Path::of).orElse(Path.of(System.getProperty("java.io.tmpdir"))),
                chain, target(parameters), allowDestructive(parameters), parallel(parameters), lockProbeTables(parameters),
                paths);
    }

    /** Whether the run rehearses more than one upgrade path. */
    boolean matrix() {
        return paths.size() > 1;
    }

    /** This run's settings for one of its paths: its previous release (and hops), the rest the same. */
    TollgateConfiguration forPath(UpgradePath path) {
        List<Release> releases = path.releases().stream().map(Release::new).toList();
        return new TollgateConfiguration(profile, profilesDir, releases.get(0), releases.get(releases.size() - 1),
                evidenceDir, workDir, releases.size() > 2 ? releases : List.of(), target, allowDestructive, parallel,
                lockProbeTables, List.of(path));
    }

    private static Optional<String> given(ConfigurationParameters parameters, String key) {
        return parameters.get(key).map(String::strip).filter(value -> !value.isEmpty());
    }

    // Never guessed: a default that belongs to another service (the sample's 1.0.0) rehearses nothing real.
    private static TollgateException noRelease(String key, String what, String profile) {
        return new TollgateException(ErrorCode.LOAD_INVALID_SETTING, "No release " + what + " was given and profile '"
                + profile + "' has no defaults: give it with " + Hints.setting(key, "RELEASE") + ", or put"
                + " defaults: { previous: …, candidate: … } in the profile.");
    }

    /**
     * {@code tollgate.target.url} and {@code tollgate.target.databaseUrl} as given, so a profile reads
     * them as variables also when they came as configuration parameters (the command line) rather
     * than system properties.
     */
    private static Map<String, String> target(ConfigurationParameters parameters) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : List.of(Constants.TARGET_URL, Constants.TARGET_DATABASE_URL)) {
            given(parameters, key).ifPresent(value -> values.put(key, value));
        }
        return values;
    }

    /** A value other than true or false is refused: an opt-in this consequential must not be guessed. */
    private static boolean allowDestructive(ConfigurationParameters parameters) {
        String value = parameters.get(Constants.ALLOW_DESTRUCTIVE).map(String::strip).orElse("false");
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false") && !value.isEmpty()) {
            throw new TollgateException(ErrorCode.LOAD_INVALID_SETTING, "-D" + Constants.ALLOW_DESTRUCTIVE + "=" + value
                    + " is neither true nor false; use -D" + Constants.ALLOW_DESTRUCTIVE + "=true to let destructive"
                    + " steps run against a remote target, or leave it out");
        }
        return value.equalsIgnoreCase("true");
    }

    /** Bad values warn and fall back to the default, naming the key, as JUnit does with its own settings. */
    private static boolean parallel(ConfigurationParameters parameters) {
        Optional<String> value = parameters.get(Constants.PARALLEL_ENABLED).map(String::strip);
        if (value.isEmpty() || value.get().equalsIgnoreCase("true")) {
            return true;
        }
        if (value.get().equalsIgnoreCase("false")) {
            return false;
        }
        System.err.println("[tollgate] warning: -D" + Constants.PARALLEL_ENABLED + "=" + value.get()
                + " is neither true nor false; using the default, true");
        return true;
    }

    /** A count, 0 turning the probe off; anything else warns and falls back to the default, naming the key. */
    private static int lockProbeTables(ConfigurationParameters parameters) {
        Optional<String> value = parameters.get(Constants.LOCK_PROBE_TABLES).map(String::strip).filter(v -> !v.isEmpty());
        if (value.isEmpty()) {
            return DEFAULT_LOCK_PROBE_TABLES;
        }
        try {
            int tables = Integer.parseInt(value.get());
            if (tables >= 0) {
                return tables;
            }
        } catch (NumberFormatException e) {
            // warned below
        }
        System.err.println("[tollgate] warning: -D" + Constants.LOCK_PROBE_TABLES + "=" + value.get()
                + " is not a number of tables (0 or more; 0 turns the lock probe off); using the default, "
                + DEFAULT_LOCK_PROBE_TABLES);
        return DEFAULT_LOCK_PROBE_TABLES;
    }

    /**
     * The releases an upgrade to {@code target} goes through, {@code target} last: the chain's hops
     * after the previous release when the target is the candidate of a chain, else just the target.
     */
    List<Release> upgradePath(Release target) {
        return chain.size() > 2 && target.equals(candidate) ? chain.subList(1, chain.size()) : List.of(target);
    }

    /** The releases this run names, by the setting that named them, for the profile's list to judge. */
    Map<String, List<String>> namedReleases() {
        return Releases.named(paths, !chain.isEmpty());
    }

    /** {@code 1.0.0 → 1.1.0 → 2.0.0}; for a matrix, each path: {@code 1.0.0 → 2.0.0, 1.1.0 → 2.0.0}. */
    String describePath() {
        return paths.stream().map(UpgradePath::describe).collect(java.util.stream.Collectors.joining(", "));
    }

    /** From an IDE the working directory is a module: look for the reactor's {@code profiles} upwards. */
    private static Path findProfilesDir() {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            Optional<Path> candidate = Optional.of(dir.resolve("profiles")).filter(Files::isDirectory);
            if (candidate.isPresent()) {
                return candidate.get();
            }
        }
        return here.resolve("profiles");
    }
}
