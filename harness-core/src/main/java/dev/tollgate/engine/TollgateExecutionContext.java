package dev.tollgate.engine;

import java.util.Objects;

import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.support.hierarchical.EngineExecutionContext;

import dev.tollgate.check.CheckRegistry;
import dev.tollgate.model.Profile;
import dev.tollgate.model.Variables;
import dev.tollgate.runtime.Progress;
import dev.tollgate.runtime.SpareServers;

/**
 * What a node of the tree may use while it runs. Immutable: the engine adds the run's settings,
 * each suite adds its scenario, and each returns a new context.
 */
final class TollgateExecutionContext implements EngineExecutionContext {

    private final EngineExecutionListener listener;
    private final RunSettings run;
    private final ScenarioState scenario;

    TollgateExecutionContext(EngineExecutionListener listener) {
        this(listener, null, null);
    }

    private TollgateExecutionContext(EngineExecutionListener listener, RunSettings run, ScenarioState scenario) {
        this.listener = listener;
        this.run = run;
        this.scenario = scenario;
    }

    TollgateExecutionContext withRun(RunSettings settings) {
        return new TollgateExecutionContext(listener, settings, scenario);
    }

    TollgateExecutionContext withScenario(ScenarioState state) {
        return new TollgateExecutionContext(listener, run, state);
    }

    RunSettings run() {
        return Objects.requireNonNull(run, "the engine has not prepared the run");
    }

    ScenarioState scenario() {
        return Objects.requireNonNull(scenario, "no suite is running");
    }

    EngineExecutionListener listener() {
        return listener;
    }

    /** Everything shared by the suites of one run. */
    record RunSettings(TollgateConfiguration configuration, Profile profile, CheckRegistry registry,
            Variables variables, Progress progress, RunRecorder recorder, SpareServers servers) {
    }
}
