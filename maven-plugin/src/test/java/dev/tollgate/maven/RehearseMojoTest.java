package dev.tollgate.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The mojo's parameters become the command line's options, as a person would type them after {@code tollgate run}. */
class RehearseMojoTest {

    private static final Path PROJECT = Path.of("/srv/orders");
    private static final Path OUT = Path.of("/srv/orders/target/tollgate");
    private static final Path ALLURE = Path.of("/srv/orders/target/tollgate-allure/allure-2.34.0");

    @Test
    void everyParameterGivenBecomesItsOption() {
        RehearseMojo mojo = mojo();
        mojo.profile = "staging";
        mojo.previous = "1.0.0";
        mojo.candidate = "1.1.0";
        mojo.tags = List.of("upgrade,authz", " ");
        mojo.suites = List.of("upgrade-from-previous");
        mojo.variables = Map.of("TOLLGATE_ADMIN_TOKEN", "t0k");
        mojo.targetUrl = "https://staging.example";
        mojo.allowDestructive = true;
        List<String> args = mojo.runArguments(PROJECT, OUT, ALLURE);
        assertEquals(List.of("run", "--root", PROJECT.toString(), "--out", OUT.toString(), "--gate", "enforce",
                "--allure-home", ALLURE.toString(), "--report-only-hint", "<gate>report-only</gate> (-Dtollgate.gate=report-only)",
                "--profile", "staging", "--previous", "1.0.0", "--candidate", "1.1.0", "--tag", "upgrade", "--tag", "authz",
                "--suite", "upgrade-from-previous", "--set", "TOLLGATE_ADMIN_TOKEN=t0k", "--target-url", "https://staging.example",
                "--allow-destructive"), args);
    }

    @Test
    void aChainOverridesPreviousAndCandidateAndEmptyPropertiesAreNotOptions() {
        RehearseMojo mojo = mojo();
        mojo.previous = "";
        mojo.candidate = "9.9.9";
        mojo.chain = List.of("1.0.0", "1.1.0", "2.0.0");
        mojo.profile = " ";
        List<String> args = mojo.runArguments(PROJECT, OUT, ALLURE);
        assertTrue(String.join(" ", args).endsWith("--chain 1.0.0,1.1.0,2.0.0"), String.join(" ", args));
        assertTrue(!args.contains("--candidate") && !args.contains("--profile") && !args.contains("--previous"), args.toString());
    }

    private static RehearseMojo mojo() {
        RehearseMojo mojo = new RehearseMojo();
        mojo.gate = "enforce";
        return mojo;
    }
}
