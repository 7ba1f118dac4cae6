package dev.tollgate.check.authz;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.apiguardian.api.API;

import dev.tollgate.api.Hints;
import dev.tollgate.check.CheckConfig;
import dev.tollgate.check.CheckContext;
import dev.tollgate.check.CheckResult;
import dev.tollgate.check.CheckType;
import dev.tollgate.check.Secrets;
import dev.tollgate.check.http.HttpExchange;
import dev.tollgate.model.Area;
import dev.tollgate.model.AuthzCase;
import dev.tollgate.model.CheckSpec;
import dev.tollgate.model.LoadIssue;
import dev.tollgate.model.Profile;
import dev.tollgate.model.SourcePosition;
import dev.tollgate.model.SubjectSpec;
import dev.tollgate.system.RunningService;
import dev.tollgate.system.SystemWait;

/**
 * {@code authz}: runs an authorization matrix against the running release. Each case is a request
 * and the decision each subject must get: {@code allow} is the documented success status,
 * {@code deny} one of the profile's denial statuses (401 or 403) — never a 2xx, never a 5xx. A
 * denied change must leave its resource as it was (read back) and, when the profile declares an
 * audit log, be found in it by its request id; a case may also ask the service's explain endpoint.
 *
 * <pre>
 * - check:
 *     authz:
 *       matrix: authz/sample.matrix.yaml   # relative to the suite file
 *       parallel: 8                        # probes at once; default 8
 *       timeout: 10s                       # per request
 *       requireFullCoverage: true          # default: the profile's authz.requireFullCoverage
 * </pre>
 *
 * The matrix file ({@code sample.matrix.yaml}):
 *
 * <pre>
 * groups:
 *   writers: [admin, owner, contributor]
 * resources:
 *   mission:                                # created fresh for every probe that changes it
 *     create: POST /api/v1/missions
 *     body: { name: authz probe }
 *     as: admin
 * cases:
 *   - request: DELETE /api/v1/missions/${mission}
 *     status: 204
 *     expect: "admin, owner: allow; others: deny"
 *     explain: { action: delete, resource: missions }
 * </pre>
 *
 * Subjects are the profile's {@code subjects:} (and any the matrix declares); their tokens are
 * never shown.
 */
@API(status = INTERNAL, since = "0.1")
public final class AuthzCheck implements CheckType {

    static final int DEFAULT_PARALLEL = 8;

    /** The setting that keeps a matrix from changing anything (for a deployment Tollgate did not make). */
    static final String READ_ONLY = "readOnly";

    @Override
    public String type() {
        return "authz";
    }

    @Override
    public Optional<Area> area() {
        return Optional.of(Area.AUTHORIZATION);
    }

    @Override
    public Set<String> keys() {
        return Set.of("matrix", "parallel", "timeout", "requireFullCoverage", READ_ONLY);
    }

    @Override
    public Set<String> requiredKeys() {
        return Set.of("matrix");
    }

    /**
     * It creates resources and sends changes, unless {@code readOnly: true}: then it sends only safe
     * requests and denials of changes that need no resource created, and leaves out allow-cases of
     * changes unless the run opts in ({@code -Dtollgate.allowDestructive=true}).
     */
    @Override
    public boolean destructive(Map<String, Object> config) {
        return !Boolean.parseBoolean(String.valueOf(config.get(READ_ONLY)).strip());
    }

    @Override
    public List<LoadIssue> validate(Map<String, Object> config, SourcePosition at) {
        Object matrix = config.get("matrix");
        if (matrix == null || String.valueOf(matrix).contains("${")) {
            return List.of();  // missing: reported as a required setting; a variable: read when it runs
        }
        Path file = CheckConfig.relativeToSuite(String.valueOf(matrix), at);
        if (!java.nio.file.Files.isRegularFile(file)) {
            return List.of(new LoadIssue(at, "authz matrix not found: " + file + "; 'matrix' is relative to the suite file"));
        }
        return MatrixReader.read(file).issues();
    }

    /**
     * The subjects the matrix names (in its cases and resources) that neither the profile nor the
     * matrix declares, each with the matrix's file:line: found before anything starts.
     */
    public static List<String> undefinedSubjects(CheckSpec spec, Profile profile) {
        Object named = spec.config().get("matrix");
        if (named == null || String.valueOf(named).contains("${")) {
            return List.of();
        }
        MatrixReader.Result read = MatrixReader.read(CheckConfig.relativeToSuite(String.valueOf(named), spec.position()));
        if (read.matrix().isEmpty()) {
            return List.of();  // the loader reports the matrix's own problems
        }
        Map<String, SubjectSpec> subjects = new LinkedHashMap<>(profile.subjects());
        subjects.putAll(read.matrix().get().subjects());
        try {
            Expansion.probes(read.matrix().get(), subjects.keySet());
            return List.of();
        } catch (IllegalArgumentException e) {
            return List.of(e.getMessage() + " (" + profile.describe() + " declares: " + String.join(", ", subjects.keySet()) + ")");
        }
    }

    @Override
    public CheckResult run(CheckSpec spec, CheckContext context) {
        CheckConfig config = new CheckConfig(spec, context.variables());
        Optional<RunningService> service = context.service();
        if (service.isEmpty()) {
            return CheckResult.broken(spec.name(), "no release is running, so there is no API to run the authorization"
                    + " matrix against; deploy one first", List.of());
        }
        MatrixReader.Result read = MatrixReader.read(config.relativeToSuite(config.string("matrix").orElseThrow()));
        if (read.matrix().isEmpty()) {
            return CheckResult.broken(spec.name(), "the authz matrix has problems: " + String.join("; ",
                    read.issues().stream().map(LoadIssue::toString).toList()), List.of());
        }
        Matrix matrix = read.matrix().get();
        Profile profile = context.profile();
        Map<String, SubjectSpec> subjects = new LinkedHashMap<>(profile.subjects());
        subjects.putAll(matrix.subjects());
        if (subjects.isEmpty()) {
            return CheckResult.broken(spec.name(), "no subjects to run " + matrix.file().getFileName() + " as: declare them"
                    + " under subjects: in " + profile.describe() + " (or in the matrix)", List.of());
        }
        List<Probe> expanded = Expansion.probes(matrix, subjects.keySet());
        boolean readOnly = config.bool(READ_ONLY, false) && !context.destructiveAllowed();
        List<Probe> probes = readOnly ? expanded.stream().filter(probe -> changesNothing(probe, matrix)).toList() : expanded;
        String withheld = withheld(expanded, probes);
        if (probes.isEmpty()) {
            return CheckResult.broken(spec.name(), "read-only: every probe of " + matrix.file().getFileName() + " would change"
                    + " the system under test, so none was sent; add safe requests or denials that need no created"
                    + " resource, or opt in with " + Hints.setting(dev.tollgate.api.Constants.ALLOW_DESTRUCTIVE, "true"), List.of());
        }
        Duration timeout = config.duration("timeout", HttpExchange.DEFAULT_TIMEOUT);
        int parallel = config.integer("parallel").orElse(DEFAULT_PARALLEL);
        if (parallel < 1) {
            throw config.invalid("parallel", "a whole number of at least 1", Integer.toString(parallel));
        }
        boolean requireFull = config.bool("requireFullCoverage", profile.authz().requireFullCoverage());
        Credentials credentials = new Credentials(subjects, profile, context.variables(), service.get(), timeout,
                Secrets.of(service));
        try {
            credentials.resolveAll();
        } catch (RuntimeException e) {
            return CheckResult.broken(spec.name(), credentials.secrets().mask(e.getMessage()), List.of());
        }
        Secrets secrets = credentials.secrets();
        Sender sender = new Sender(service.get(), credentials, context.variables(), timeout);
        Fixtures fixtures = new Fixtures(matrix, sender);
        long started = System.nanoTime();
        Map<String, String> shared = new LinkedHashMap<>();
        try {
            sharedResources(probes, matrix).forEach(name -> shared.put(name, fixtures.create(name)));
        } catch (RuntimeException e) {
            return CheckResult.broken(spec.name(), secrets.mask(String.valueOf(e.getMessage())), List.of());
        }
        List<Outcome> outcomes;
        try (AuditTrail audit = profile.authz().audit() == null ? null
                : new AuditTrail(profile.authz().audit(), context.database(), sender, context.variables())) {
            ProbeRunner runner = new ProbeRunner(matrix, sender, fixtures, profile.authz(), Optional.ofNullable(audit),
                    shared, secrets);
            outcomes = runAll(probes, runner, parallel);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        Coverage coverage = Coverage.of(profile, probes, subjects.keySet());
        CheckResult result = MatrixReport.result(spec.name(), matrix, outcomes, coverage, subjects.size(), requireFull,
                elapsed, secrets);
        return withheld.isEmpty() ? result : result.withMessage(result.message() + " | " + withheld);
    }

    /**
     * A probe a read-only run may send: a safe request on no created resource, or a change expected to
     * be denied that needs no resource created first. (A change that should be denied but is allowed
     * does change the target: that is the defect the probe is there to find.)
     */
    static boolean changesNothing(Probe probe, Matrix matrix) {
        Matrix.Request request = probe.source().request();
        boolean createsResources = request.references().stream().anyMatch(matrix.resources()::containsKey);
        return !createsResources && (request.safe() || probe.expected() == AuthzCase.Decision.DENY);
    }

    private static String withheld(List<Probe> all, List<Probe> sent) {
        if (all.size() == sent.size()) {
            return "";
        }
        List<String> left = all.stream().filter(probe -> !sent.contains(probe)).map(Probe::describe).toList();
        return "read-only: " + left.size() + " of " + all.size() + " probes not sent (they change the system under test: "
                + String.join(", ", left.stream().limit(6).toList()) + (left.size() > 6 ? ", …" : "")
                + "); -Dtollgate.allowDestructive=true sends them";
    }

    /** Runs every probe, {@code parallel} at a time, in the matrix's order of results. */
    static List<Outcome> runAll(List<Probe> probes, ProbeRunner runner, int parallel) {
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, Math.max(1, probes.size())), task -> {
            Thread thread = new Thread(task, "tollgate-authz-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            // The probes' threads wait on the service for the step: they add to its tally.
            probes.forEach(probe -> futures.add(pool.submit(SystemWait.propagate(() -> runner.run(probe)))));
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> future : futures) {
                outcomes.add(future.get());
            }
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the authorization matrix ran", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a probe failed unexpectedly: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    // Resources that safe requests read: one instance each, shared, since nothing changes them.
    private static Set<String> sharedResources(List<Probe> probes, Matrix matrix) {
        Set<String> names = new LinkedHashSet<>();
        probes.stream().map(probe -> probe.source().request()).filter(Matrix.Request::safe)
                .forEach(request -> request.references().stream().filter(matrix.resources()::containsKey).forEach(names::add));
        return names;
    }
}
