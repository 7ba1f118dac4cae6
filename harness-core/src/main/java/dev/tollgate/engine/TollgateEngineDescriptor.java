package dev.tollgate.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;
import dev.tollgate.check.CheckRegistry;
import dev.tollgate.check.CheckType;
import dev.tollgate.check.Correlation;
import dev.tollgate.check.Secrets;
import dev.tollgate.load.ProfileLoader;
import dev.tollgate.load.SubjectReferences;
import dev.tollgate.model.Profile;
import dev.tollgate.model.Suite;
import dev.tollgate.model.UpgradePath;
import dev.tollgate.model.Variables;
import dev.tollgate.report.RunRecord;
import dev.tollgate.runtime.BaselineDumps;
import dev.tollgate.runtime.Progress;
import dev.tollgate.runtime.SpareServers;

/** The root of a run: loads the profile once, before any suite starts anything. */
final class TollgateEngineDescriptor extends EngineDescriptor implements Node<TollgateExecutionContext> {

    private final TollgateConfiguration configuration;
    private final CheckRegistry registry;
    private final Consumer<RunRecord> records;
    private final UnaryOperator<RunRecord> amend;
    // Each path's settings when the run is a matrix, its own recorder among them; set in prepare.
    private final Map<UpgradePath, TollgateExecutionContext.RunSettings> paths = new LinkedHashMap<>();

    TollgateEngineDescriptor(UniqueId uniqueId, TollgateConfiguration configuration, CheckRegistry registry,
            UnaryOperator<RunRecord> amend, Consumer<RunRecord> records) {
        super(uniqueId, "Tollgate");
        this.amend = amend;
        this.configuration = configuration;
        this.registry = registry;
        this.records = records;
    }

    TollgateConfiguration configuration() {
        return configuration;
    }

    /**
     * Puts the suites that take longest where they start first (longest processing time first): side
     * by side, the long ones then start at once and the short ones fill the gaps, so the suites end
     * close together instead of one long suite running alone at the end. One by one, the order
     * changes nothing.
     */
    void orderLongestFirst() {
        List<TestDescriptor> suites = new ArrayList<>(getChildren());
        suites.sort(Comparator.comparingInt(TollgateEngineDescriptor::weight).reversed());  // stable: ties keep file order
        List<TestDescriptor> arranged = atBothEnds(suites);
        arranged.forEach(this::removeChild);
        arranged.forEach(this::addChild);
    }

    /**
     * Where JUnit's fork-join executor starts them: it forks a container's children in order, then
     * joins them last first, so the thread that forked them runs the last one itself while the other
     * workers take from the front. The longest therefore go to both ends, alternately (the 1st, 3rd,
     * 5th … at the front, the 2nd, 4th … at the back, the shortest in the middle): the two longest
     * start at once, and each thread goes on with the longest left on its side. In plain longest-first
     * order the forking thread began with the shortest suite and the second longest started last,
     * alone at the end: the release gate on 2 cores took 10.0 s where both ends make it about 8.7.
     */
    static <T> List<T> atBothEnds(List<T> longestFirst) {
        List<T> front = new ArrayList<>();
        List<T> back = new ArrayList<>();
        for (int i = 0; i < longestFirst.size(); i++) {
            (i % 2 == 0 ? front : back).add(longestFirst.get(i));
        }
        java.util.Collections.reverse(back);
        front.addAll(back);
        return front;
    }

    /**
     * For a matrix of upgrade paths: one container per path, each with its own copy of every
     * selected suite, so each path's suites run in their own environments. One path keeps its suites
     * directly below the engine, as always.
     */
    void spreadOverPaths() {
        if (!configuration.matrix()) {
            return;
        }
        List<SuiteDescriptor> suites = getChildren().stream().filter(SuiteDescriptor.class::isInstance)
                .map(SuiteDescriptor.class::cast).toList();
        suites.forEach(this::removeChild);
        for (UpgradePath path : configuration.paths()) {
            PathDescriptor container = new PathDescriptor(getUniqueId(), path);
            addChild(container);
            Variables names = runVariables(configuration.forPath(path), Variables.fromSystem());
            suites.forEach(suite -> container.addChild(suite.copyUnder(container, names)));
        }
    }

    /** The settings of one path of a matrix, prepared with the run. */
    TollgateExecutionContext.RunSettings runOf(UpgradePath path) {
        return java.util.Objects.requireNonNull(paths.get(path), () -> "the run has not prepared path " + path);
    }

    private static int weight(TestDescriptor child) {
        return child instanceof SuiteDescriptor suite ? suite.weight() : 0;
    }

    @Override
    public TollgateExecutionContext prepare(TollgateExecutionContext context) {
        if (getChildren().isEmpty()) {
            return context;  // nothing selected: load nothing, start nothing
        }
        Variables variables = runVariables(configuration, Variables.fromSystem());
        Profile profile = new ProfileLoader(variables).locateAndLoad(configuration.profile(), configuration.profilesDir());
        // Before anything is written: the profile's own secret header names, fields and ${env.*} values.
        Secrets.configure(profile.secrets().headers(), profile.secrets().fields());
        Correlation.by(profile.requestId().header());
        profile.secrets().env().forEach(name -> variables.lookup("env." + name).ifPresent(Secrets::remember));
        // A release the profile does not list stops here, before anything starts, not at its start command.
        profile.releases().requireKnown(profile.describe(), configuration.namedReleases());
        List<Suite> suites = suites();
        List<String> undefinedSubjects = suites.stream()
                .flatMap(suite -> SubjectReferences.undefined(suite, profile).stream()).distinct().toList();  // a shared fixture once
        if (!undefinedSubjects.isEmpty()) {
            throw new TollgateException(ErrorCode.LOAD_INVALID_SETTING, String.join("\n", undefinedSubjects));
        }
        Runtimes.warmUp(profile);
        // Whatever the check types load on first use, loaded while the profile and the first suite start;
        // then the releases' files hashed for the run record, which the verdict would otherwise wait for.
        String previous = configuration.previous().id();
        String candidate = configuration.candidate().id();
        Thread warmUp = new Thread(() -> {
            registry.types().forEach(CheckType::warmUp);
            try {
                ReleaseArtifacts.of(profile, variables, "previous", previous);
                ReleaseArtifacts.of(profile, variables, "candidate", candidate);
            } catch (RuntimeException e) {
                // the run record hashes them itself, and says what is wrong if anything is
            }
        }, "tollgate-check-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
        Progress progress = console(System.out);
        // A remote target is not deployed by Tollgate: it is checked as it runs, said to run the candidate.
        progress.report((profile.remote() ? "checking " + configuration.candidate() + " as deployed"
                : "rehearsing " + configuration.describePath()) + " on profile " + profile.name() + " (" + profile.describe() + ")");
        RunRecorder recorder = new RunRecorder(suites, registry);
        // What each release reports as its version: its id, unless the profile's releases: says otherwise.
        Variables forSuites = variables.with("profile.name", profile.name())
                .with("previous.version", profile.reportedVersion(configuration.previous().id()))
                .with("candidate.version", profile.reportedVersion(configuration.candidate().id()));
        // A dump an install starts from that cannot be restored fails now, before any server starts.
        List<String> baselines = BaselineDumps.problems(suites, profile, forSuites);
        if (!baselines.isEmpty()) {
            throw new TollgateException(ErrorCode.LOAD_BASELINE_INVALID, String.join("\n", baselines));
        }
        // Servers a suite has finished with serve the next (local only); stopped when the run ends.
        SpareServers servers = "local".equals(profile.runtime()) ? SpareServers.forRun() : SpareServers.none();
        TollgateExecutionContext.RunSettings run = new TollgateExecutionContext.RunSettings(configuration, profile, registry,
                forSuites, progress, recorder, servers);
        if (profile.remote()) {
            // Before any suite starts anything: a refusal here means no request reached the target.
            String target = RemoteTargets.describe(profile, variables);
            boolean database = RemoteTargets.databaseGiven(profile, variables);
            try {
                List<TargetSafety.Finding> allowed = TargetSafety.enforce(profile, target, suites, registry,
                        configuration.allowDestructive(), progress);
                recorder.target(new RunRecord.Target(target, database, configuration.allowDestructive(),
                        allowed.stream().map(TargetSafety.Finding::describe).toList(), false));
            } catch (TargetSafety.Refused refused) {
                // The verdict says why nothing ran, rather than that nothing did.
                recorder.target(new RunRecord.Target(target, database, false,
                        refused.findings().stream().map(TargetSafety.Finding::describe).toList(), true));
                records.accept(recorder.write(run, amend));
                throw refused;
            }
        }
        getChildren().stream().filter(PathDescriptor.class::isInstance).map(PathDescriptor.class::cast)
                .forEach(container -> paths.put(container.path(), forPath(run, container)));
        return context.withRun(run);
    }

    /** A path's own settings: its previous release, its own recorder, its lines marked with where it starts. */
    private static TollgateExecutionContext.RunSettings forPath(TollgateExecutionContext.RunSettings run,
            PathDescriptor container) {
        UpgradePath path = container.path();
        TollgateConfiguration configuration = run.configuration().forPath(path);
        Variables variables = run.variables().with("previous", path.previous())
                .with("previous.version", run.profile().reportedVersion(path.previous()));
        List<Suite> suites = container.getChildren().stream().filter(SuiteDescriptor.class::isInstance)
                .map(SuiteDescriptor.class::cast).map(SuiteDescriptor::suite).toList();
        return new TollgateExecutionContext.RunSettings(configuration, run.profile(), run.registry(), variables,
                run.progress().prefixed("from " + path.previous() + " │ "), new RunRecorder(suites, run.registry()),
                run.servers());
    }

    // Every selected suite once, whichever paths rehearse it.
    private List<Suite> suites() {
        return getDescendants().stream().filter(SuiteDescriptor.class::isInstance).map(SuiteDescriptor.class::cast)
                .map(SuiteDescriptor::suite).distinct().toList();
    }

    @Override
    public void cleanUp(TollgateExecutionContext context) {
        if (!getChildren().isEmpty()) {
            TollgateExecutionContext.RunSettings run = context.run();
            // The servers kept for a next suite stop while the record is written; the run ends after both.
            run.servers().closeWhile(() -> {
                List<TollgateExecutionContext.RunSettings> parts = paths.isEmpty() ? List.of(run) : List.copyOf(paths.values());
                records.accept(RunRecorder.write(parts, run.configuration(), amend));
                MaskedLogs.mask(run.configuration().evidenceDir());
                int suites = parts.stream().mapToInt(part -> part.recorder().suites().size()).sum();
                String summary = parts.stream().map(part -> part.recorder().summary(part.recorder().suites()))
                        .collect(java.util.stream.Collectors.joining("; "));
                run.progress().report("rehearsal " + run.configuration().describePath() + " done: " + suites
                        + (suites == 1 ? " suite, " : " suites, ") + summary + "; the release-readiness verdict follows");
            });
        }
    }

    /** The console is a writer like any other: what it shows passes the run's masking. */
    static Progress console(java.io.PrintStream out) {
        Progress console = Progress.to(out);
        return event -> console.report(Secrets.known().mask(event));
    }

    static Variables runVariables(TollgateConfiguration configuration, Variables base) {
        return base.with(configuration.target()).with("previous", configuration.previous().id())
                .with("candidate", configuration.candidate().id())
                .with("previous.version", configuration.previous().id())
                .with("candidate.version", configuration.candidate().id());
    }
}
