package dev.tollgate.engine;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import org.apiguardian.api.API;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.config.PrefixedConfigurationParameters;
import org.junit.platform.engine.support.discovery.EngineDiscoveryRequestResolver;
import org.junit.platform.engine.support.hierarchical.ForkJoinPoolHierarchicalTestExecutorService;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestEngine;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestExecutorService;

import dev.tollgate.api.Constants;
import dev.tollgate.check.CheckRegistry;
import dev.tollgate.load.SuiteLoader;
import dev.tollgate.model.Variables;
import dev.tollgate.report.RunRecord;

/**
 * Runs YAML suites ({@code *.suite.yaml}) on the JUnit Platform: a suite is a container, each
 * step a test. Selectors: directories, files, classpath resources and unique ids, so Maven
 * (Failsafe), IDEs and the console launcher all work.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class TollgateTestEngine extends HierarchicalTestEngine<TollgateExecutionContext> {

    /** The engine id in unique ids and in {@code @IncludeEngines}. */
    public static final String ENGINE_ID = "tollgate";

    // Who receives each run's record in memory: the command line, which judges it in the same JVM.
    private final Consumer<RunRecord> records;
    // What the caller adds to the record before it is written (a shard's part); nothing by default.
    private final UnaryOperator<RunRecord> amend;

    /** The engine as the JUnit Platform finds it (Failsafe, an IDE): the record goes to {@code run.json} only. */
    public TollgateTestEngine() {
        this(UnaryOperator.identity(), record -> { });
    }

    /**
     * An engine that also hands each run's record to {@code records} when the run ends, so a caller
     * in the same JVM (the command line) judges it without reading {@code run.json} back; and adds
     * {@code amend} to each record before it is written and handed over, so that {@code run.json} is
     * written once, whole: the part of a selection a shard ran.
     */
    @API(status = INTERNAL, since = "0.2")
    public TollgateTestEngine(UnaryOperator<RunRecord> amend, Consumer<RunRecord> records) {
        this.amend = Objects.requireNonNull(amend, "amend must not be null");
        this.records = Objects.requireNonNull(records, "records must not be null");
    }

    @Override
    public String getId() {
        return ENGINE_ID;
    }

    @Override
    public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
        TollgateConfiguration configuration = TollgateConfiguration.from(request.getConfigurationParameters());
        // One registry per run: discovery validates with it and execution runs with it.
        CheckRegistry registry = CheckRegistry.discover();
        TollgateEngineDescriptor engine = new TollgateEngineDescriptor(uniqueId, configuration, registry, amend, records);
        EngineDiscoveryRequestResolver.<TollgateEngineDescriptor>builder()
                .addSelectorResolver(context -> new SuiteSelectorResolver(SuiteLoading.loader(registry, configuration),
                        TollgateEngineDescriptor.runVariables(configuration, Variables.fromSystem()), context.getIssueReporter()))
                .build()
                .resolve(request, engine);
        engine.orderLongestFirst();
        engine.spreadOverPaths();
        return engine;
    }

    /**
     * The suite loader as discovery uses it (the variables a run defines are known), so a lint
     * without a run (the command line's {@code validate}) reports exactly what discovery would.
     * INTERNAL: the command line's hook; the loader is no plug-in's business.
     */
    @API(status = INTERNAL, since = "0.1")
    public static SuiteLoader suiteLoader() {
        return new SuiteLoader(CheckRegistry.discover(), SuiteLoading.RUN_VARIABLES);
    }

    /**
     * Suites in parallel, as many at a time as {@code tollgate.parallel.config.*} says (by default one
     * per core), the way JUnit Jupiter runs its classes: each suite has its own deployment, so they
     * share nothing but the run's record and the terminal. Steps of a suite stay in order on one thread.
     */
    @Override
    protected HierarchicalTestExecutorService createExecutorService(ExecutionRequest request) {
        boolean parallel = request.getRootTestDescriptor() instanceof TollgateEngineDescriptor engine
                ? engine.configuration().parallel() : TollgateConfiguration.from(request.getConfigurationParameters()).parallel();
        if (parallel) {
            return new ForkJoinPoolHierarchicalTestExecutorService(new PrefixedConfigurationParameters(
                    request.getConfigurationParameters(), Constants.PARALLEL_CONFIG_PREFIX));
        }
        return super.createExecutorService(request);
    }

    @Override
    protected TollgateExecutionContext createExecutionContext(ExecutionRequest request) {
        return new TollgateExecutionContext(request.getEngineExecutionListener());
    }
}
