package dev.tollgate.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;
import dev.tollgate.model.Area;

class WaiversTest {

    @TempDir
    Path dir;

    @Test
    void readsWaiversWithTheirOwnerReasonAndExpiry() throws IOException {
        List<Waiver> waivers = Waivers.read(write("""
                waivers:
                  - check: version
                    suite: upgrade-from-previous
                    owner: alice@example.com
                    reason: TOLL-42, fixed in 1.1.1
                    expires: 2026-12-31
                  - area: code-rollback
                    owner: bob
                    reason: 2.0.0 renames a column; restore is the way back
                    expires: "2027-01-15"
                """));

        assertEquals(List.of(
                new Waiver(null, "version", "upgrade-from-previous", null, "alice@example.com", "TOLL-42, fixed in 1.1.1",
                        LocalDate.of(2026, 12, 31)),
                new Waiver(Area.CODE_ROLLBACK, null, null, null, "bob", "2.0.0 renames a column; restore is the way back",
                        LocalDate.of(2027, 1, 15))), waivers);
    }

    @Test
    void emptyFileWaivesNothing() throws IOException {
        assertEquals(List.of(), Waivers.read(write("")));
        assertEquals(List.of(), Waivers.read(write("waivers:\n")));
    }

    @Test
    void waiverWithoutOwnerNamesFileAndLine() throws IOException {
        Path file = write("""
                waivers:
                  - area: data
                    owner: alice
                    reason: known
                    expires: 2026-12-31
                  - area: data
                    reason: nobody's
                    expires: 2026-12-31
                """);

        assertInvalid(file + ":6:5: a waiver needs an owner, a reason and an expiry date (expires: YYYY-MM-DD)", file);
    }

    @Test
    void waiverThatMatchesNothingIsRefused() throws IOException {
        Path file = write("""
                waivers:
                  - owner: alice
                    reason: everything
                    expires: 2026-12-31
                """);

        assertInvalid(file + ":2:5: a waiver must say what it waives: an area, a check, or a suite (and step)", file);
    }

    @Test
    void unknownKeyListsTheValidOnes() throws IOException {
        Path file = write("""
                waivers:
                  - area: data
                    ower: alice
                """);

        assertInvalid(file + ":3:5: unknown key 'ower'; valid keys: area, check, expires, owner, reason, step, suite, table", file);
    }

    @Test
    void badDateAndUnknownAreaSayWhatIsValid() throws IOException {
        Path badDate = write("""
                waivers:
                  - area: data
                    owner: alice
                    reason: known
                    expires: 31.12.2026
                """);
        assertInvalid(badDate + ":5:14: '31.12.2026' is not a date; write it as YYYY-MM-DD", badDate);

        Path badArea = write("""
                waivers:
                  - area: helth
                """);
        TollgateException e = assertThrows(TollgateException.class, () -> Waivers.read(badArea));
        assertEquals(badArea + ":2:11: unknown area 'helth'; valid areas: install, upgrade, migrations, convergence, "
                + "safety, data, authorization, health-version, code-rollback, restore", e.getMessage());
    }

    @Test
    void missingFileSaysHowToFixIt() {
        Path file = dir.resolve("nope.yaml");

        assertInvalid("Waivers file " + file.toAbsolutePath()
                + " does not exist. Give an existing file with -Dtollgate.waivers=FILE, or leave it out.", file);
    }

    private static void assertInvalid(String message, Path file) {
        TollgateException e = assertThrows(TollgateException.class, () -> Waivers.read(file));
        assertEquals(ErrorCode.LOAD_WAIVERS_INVALID, e.code());
        assertEquals(message, e.getMessage());
    }

    private Path write(String yaml) throws IOException {
        Path file = Files.createTempFile(dir, "waivers", ".yaml");
        return Files.writeString(file, yaml);
    }
}
