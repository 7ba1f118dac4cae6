package dev.tollgate.gate;

import static dev.tollgate.gate.Runs.checks;
import static dev.tollgate.gate.Runs.passed;
import static dev.tollgate.gate.Runs.run;
import static dev.tollgate.gate.Runs.suite;
import static dev.tollgate.gate.Runs.upgradeSuite;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;
import dev.tollgate.model.Area;

class GateRulesTest {

    @TempDir
    Path dir;

    @Test
    void defaultsRequireWhatTheSuitesTagsPromise() {
        GateRules rules = GateRules.defaults();

        assertEquals(EnumSet.of(Area.INSTALL, Area.UPGRADE, Area.HEALTH_VERSION, Area.MIGRATIONS, Area.CONVERGENCE, Area.SAFETY,
                Area.DATA, Area.CODE_ROLLBACK), rules.requiredFor(run(upgradeSuite())));
        assertEquals(EnumSet.of(Area.INSTALL, Area.HEALTH_VERSION),
                rules.requiredFor(run(suite("clean-install", List.of("clean-install", "release-gate"), checks(passed("health"))))));
        assertEquals(EnumSet.of(Area.HEALTH_VERSION), rules.requiredFor(run(suite("untagged", List.of(), checks(passed("sql"))))));
        assertEquals(Set.of(), rules.requiredFor(run()));
        assertTrue(rules.isAdvisory(Area.CODE_ROLLBACK));
        assertTrue(rules.rollbackSafeWithinMajor());
    }

    @Test
    void rulesFileReplacesOnlyWhatItNames() throws IOException {
        GateRules rules = GateRules.load(write("""
                # staging: read-only suites, nothing is installed
                requiredByTag:
                  upgrade: [upgrade]
                advisory: [code-rollback, safety]
                requiredSuites: [upgrade-from-previous]
                """));

        assertEquals(Set.of(Area.HEALTH_VERSION), rules.required());
        assertEquals(EnumSet.of(Area.UPGRADE, Area.HEALTH_VERSION), rules.requiredFor(run(upgradeSuite())));
        assertEquals(Set.of(Area.CODE_ROLLBACK, Area.SAFETY), rules.advisory());
        assertEquals(Set.of("upgrade-from-previous"), rules.requiredSuites());
    }

    @Test
    void requiredSuiteThatDidNotRunIsInconclusive() throws IOException {
        GateRules rules = GateRules.load(write("requiredSuites: [authz-matrix]\n"));

        GateResult result = Gate.evaluate(run(upgradeSuite()), rules, List.of(), LocalDate.of(2026, 1, 1));

        assertEquals(Verdict.INCONCLUSIVE, result.verdict());
        assertEquals(List.of("required suite 'authz-matrix' did not run"), result.reasons());
    }

    @Test
    void versionNotCheckedIsANoteByDefaultAndTheRulesFileCanMakeItBlock() throws IOException {
        assertEquals(VersionNotChecked.NOTE, GateRules.defaults().versionNotChecked());
        assertEquals(VersionNotChecked.NO_GO, GateRules.load(write("versionNotChecked: no-go\n")).versionNotChecked());
        assertEquals(VersionNotChecked.INCONCLUSIVE, GateRules.load(write("versionNotChecked: inconclusive\n")).versionNotChecked());

        Path file = write("required: [health-version]\nversionNotChecked: block\n");
        TollgateException e = assertThrows(TollgateException.class, () -> GateRules.load(file));
        assertEquals(ErrorCode.LOAD_GATE_RULES_INVALID, e.code());
        assertTrue(e.getMessage().contains(file + ":2:") && e.getMessage().contains("'block' is not one of note, inconclusive, no-go"),
                e.getMessage());
    }

    @Test
    void emptyRulesFileKeepsTheDefaults() throws IOException {
        assertEquals(GateRules.defaults(), GateRules.load(write("")));
    }

    @Test
    void unknownAreaNamesFileLineAndValidAreas() throws IOException {
        Path file = write("""
                advisory:
                  - code-rollback
                  - rollback
                """);

        TollgateException e = assertThrows(TollgateException.class, () -> GateRules.load(file));
        assertEquals(ErrorCode.LOAD_GATE_RULES_INVALID, e.code());
        assertTrue(e.getMessage().startsWith(file + ":3:5: unknown area 'rollback'; valid areas: install, "), e.getMessage());
    }

    @Test
    void unknownKeyIsReportedWhereItIsWritten() throws IOException {
        Path file = write("""
                advisory: [code-rollback]
                advisories: [safety]
                """);

        TollgateException e = assertThrows(TollgateException.class, () -> GateRules.load(file));
        assertEquals(file + ":2:1: unknown key 'advisories'; valid keys: advisory, required, requiredByTag, requiredSuites, rollbackSafeWithinMajor, rollbackWarningsBlock, versionNotChecked",
                e.getMessage());
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "gate", ".yaml"), yaml);
    }
}
