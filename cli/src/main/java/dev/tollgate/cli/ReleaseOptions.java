package dev.tollgate.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tollgate.api.Constants;
import dev.tollgate.model.MatrixSpec;
import dev.tollgate.model.Profile;
import dev.tollgate.model.Releases;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** What is rehearsed and where: the profile, the releases, and an existing target. */
final class ReleaseOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--profile", paramLabel = "NAME|FILE", description = "Deployment profile: a folder under the "
            + "profiles directory (local, quickstart, full, staging) or a profile.yaml. Default: the project's "
            + "(profile: in tollgate.yaml), else " + Constants.DEFAULT_PROFILE + ".")
    String profile;

    /** Fills in the profile from the project when the command line names none; call before anything reads it. */
    ReleaseOptions in(Project project) {
        profile = project.profile(profile);
        return this;
    }

    @Option(names = "--previous", paramLabel = "RELEASE[,RELEASE…]", description = "The release in production; "
            + "several, comma-separated, rehearse one upgrade path from each (a matrix) and judge each path and all. "
            + "Default: matrix: { previous: [...] } in tollgate.yaml, else in the profile, else the profile's "
            + "defaults: { previous }.")
    String previous;

    @Option(names = "--candidate", paramLabel = "RELEASE", description = "The release about to ship. Default: "
            + "the profile's defaults: { candidate }.")
    String candidate;

    @Option(names = "--chain", paramLabel = "A,B,C", split = ",", description = "An upgrade path: previous A, "
            + "candidate C, upgrading through B. Overrides --previous and --candidate.")
    List<String> chain = new ArrayList<>();

    @Option(names = "--target-url", paramLabel = "URL", description = "Base URL of a deployment that is already "
            + "running (the remote runtime, e.g. staging).")
    String targetUrl;

    @Option(names = "--database-url", paramLabel = "JDBC-URL", description = "Its database, for read-only checks "
            + "(jdbc:postgresql://host:5432/db?user=…).")
    String databaseUrl;

    @Option(names = "--allow-destructive", description = "Let destructive suites and steps run against a remote "
            + "target: only for disposable environments. Recorded in the verdict.")
    boolean allowDestructive;

    /**
     * Fills in the releases the command line did not name from the profile's {@code defaults:}, and
     * holds them to the releases the profile lists.
     *
     * @throws ParameterException when one is named by neither: nothing is guessed
     * @throws dev.tollgate.api.TollgateException when one is not among the profile's {@code releases:}
     * @param projectMatrix the previous releases {@code tollgate.yaml} lists ({@code matrix: { previous }}),
     *                      which win over the profile's {@code matrix:}, which wins over its {@code defaults:}
     */
    ReleaseOptions resolve(Profile profile, MatrixSpec projectMatrix) {
        resolve(profile.defaults(), projectMatrix.previous().isEmpty() ? profile.matrix() : projectMatrix);
        profile.releases().requireKnown(profile.describe(), Releases.named(paths(), !chain().isEmpty()));
        return this;
    }

    /**
     * Fills in the releases the command line did not name: the previous ones from {@code matrix}, else
     * from {@code defaults:}.
     *
     * @param matrix the previous releases the project or profile lists ({@code matrix: { previous }}),
     *               which win over {@code defaults: { previous }}
     */
    private ReleaseOptions resolve(dev.tollgate.model.ReleaseDefaults defaults, MatrixSpec matrix) {
        if (!chain().isEmpty()) {
            return this;
        }
        previous = previous != null ? previous
                : !matrix.previous().isEmpty() ? String.join(",", matrix.previous()) : defaults.previous();
        candidate = candidate != null ? candidate : defaults.candidate();
        List<String> missing = new ArrayList<>();
        if (previous == null) {
            missing.add("--previous RELEASE (the release in production)");
        }
        if (candidate == null) {
            missing.add("--candidate RELEASE (the release about to ship)");
        }
        if (!missing.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "which releases? Give " + String.join(" and ", missing)
                    + ", or --chain A,B,C; profile " + profile + " has no defaults: { previous, candidate } to fall back on");
        }
        return this;
    }

    /** The previous release, or for a matrix the previous releases comma-separated as the run record has them. */
    String effectivePrevious() {
        return chain().isEmpty() ? previous == null ? null : String.join(",", MatrixSpec.parse(previous).previous())
                : chain().get(0);
    }

    String effectiveCandidate() {
        List<String> path = chain();
        return path.isEmpty() ? candidate : path.get(path.size() - 1);
    }

    /** The upgrade paths these options ask for: the chain, else one per previous release. */
    List<dev.tollgate.model.UpgradePath> paths() {
        if (!chain().isEmpty()) {
            return List.of(new dev.tollgate.model.UpgradePath(chain()));
        }
        return MatrixSpec.parse(previous).previous().stream()
                .map(id -> dev.tollgate.model.UpgradePath.of(id, effectiveCandidate())).toList();
    }

    /** The {@code tollgate.*} settings these options stand for, as Maven's {@code -D…} would give them. */
    Map<String, String> settings() {
        List<String> path = chain();
        if (path.size() == 1) {
            throw new ParameterException(spec.commandLine(), "--chain " + path.get(0)
                    + " names one release; a chain needs at least two, like --chain 1.0.0,1.1.0,2.0.0");
        }
        if (MatrixSpec.hasEmptyEntry(previous)) {
            throw new ParameterException(spec.commandLine(), "--previous " + previous + " has an empty release between "
                    + "commas; list the previous releases like --previous 1.0.0,1.1.0");
        }
        if (!path.isEmpty() && (previous != null || candidate != null)) {
            throw new ParameterException(spec.commandLine(), "--chain gives the previous and the candidate release "
                    + "(first and last); leave out --previous and --candidate");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(Constants.PROFILE, profile);
        settings.put(Constants.PREVIOUS, effectivePrevious());
        settings.put(Constants.CANDIDATE, effectiveCandidate());
        settings.put(Constants.CHAIN, String.join(",", path));
        if (targetUrl != null) {
            settings.put(Constants.TARGET_URL, targetUrl);
        }
        if (databaseUrl != null) {
            settings.put(Constants.TARGET_DATABASE_URL, databaseUrl);
        }
        if (allowDestructive) {
            settings.put(Constants.ALLOW_DESTRUCTIVE, "true");
        }
        return settings;
    }

    private List<String> chain() {
        return chain.stream().map(String::strip).filter(id -> !id.isEmpty()).toList();
    }
}
