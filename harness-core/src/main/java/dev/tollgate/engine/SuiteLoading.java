package dev.tollgate.engine;

import java.util.Set;

import dev.tollgate.check.CheckRegistry;
import dev.tollgate.load.SuiteLoader;

/** The loader as the engine uses it: the variables a run provides are known to every suite. */
final class SuiteLoading {

    /** Variables the engine defines for every step. */
    static final Set<String> RUN_VARIABLES = Set.of(
            "previous", "candidate", "previous.version", "candidate.version", "profile.name", "release");

    private SuiteLoading() {
    }

    static SuiteLoader loader(CheckRegistry registry, TollgateConfiguration configuration) {
        return new SuiteLoader(registry, RUN_VARIABLES);
    }
}
