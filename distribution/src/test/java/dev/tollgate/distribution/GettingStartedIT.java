package dev.tollgate.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code docs/getting-started.md}, followed word for word: its shell blocks, in order, in one shell
 * session, in a temporary directory that holds nothing but the distribution's archive. The
 * distribution is unpacked there, so no path into Tollgate's checkout is used; the test checks
 * what each step left, as the page says a person sees it.
 */
class GettingStartedIT {

    private static final Path ROOT = Path.of(System.getProperty("tollgate.root", "..")).toAbsolutePath().normalize();
    private static final Path ARCHIVE = Path.of(System.getProperty("tollgate.distribution",
            "target/tollgate-" + System.getProperty("tollgate.version", "0.1.0-SNAPSHOT") + ".tar.gz")).toAbsolutePath();
    private static final Pattern SH_BLOCK = Pattern.compile("(?m)^```sh\\n(.*?)^```", Pattern.DOTALL);

    @Test
    void aNewUserFollowsTheGettingStartedPage(@TempDir Path home) throws IOException, InterruptedException {
        List<String> blocks = shellBlocks(ROOT.resolve("docs/getting-started.md"));
        assertEquals(5, blocks.size(), "the page's shell blocks: install, init, GO, NO-GO, your service");
        Files.copy(ARCHIVE, home.resolve(ARCHIVE.getFileName()));
        Session session = new Session(home);

        Step install = session.run(blocks.get(0));
        assertEquals(0, install.exitCode(), install::toString);
        assertTrue(install.out().contains("tollgate"), install::toString);

        Step init = session.run(blocks.get(1));
        assertEquals(0, init.exitCode(), init::toString);
        Path project = home.resolve("my-service");
        assertTrue(Files.isRegularFile(project.resolve("tollgate.yaml")), init::toString);
        assertTrue(init.out().contains("valid"), init::toString);

        Step go = session.run(blocks.get(2));
        assertEquals(0, go.exitCode(), go::toString);
        assertTrue(go.out().contains("══ GO ══ 1.0.0 → 1.1.0 on local"), go::toString);
        Path out = project.resolve("tollgate-out");
        assertEquals("GO", readiness(out).path("verdict").asText());
        assertTrue(Files.isRegularFile(out.resolve("release-readiness.md")));
        assertTrue(Files.isRegularFile(out.resolve("allure-report/index.html")), "the Allure report: " + go);
        assertNothingFromTheCheckout(go);

        Step noGo = session.run(blocks.get(3));
        assertEquals(1, noGo.exitCode(), noGo::toString);
        assertTrue(noGo.out().contains("══ NO-GO ══ 1.0.0 → 1.1.0-bad-dataloss on local"), noGo::toString);
        JsonNode verdict = readiness(out);
        assertEquals("NO-GO", verdict.path("verdict").asText());
        assertTrue(verdict.path("reasons").toString().contains("data"), verdict::toString);
        assertTrue(Files.isRegularFile(out.resolve("allure-report/index.html")));
        assertNothingFromTheCheckout(noGo);

        Step own = session.run(blocks.get(4));
        assertEquals(0, own.exitCode(), own::toString);
        assertTrue(Files.isRegularFile(home.resolve("orders/profiles/local/profile.yaml")), own::toString);
        assertTrue(Files.readString(home.resolve("orders/profiles/local/profile.yaml")).contains("SPRING_DATASOURCE_URL"));
        assertTrue(own.out().contains("valid"), own::toString);
    }

    private static void assertNothingFromTheCheckout(Step step) {
        assertFalse(step.out().contains(ROOT.toString() + "/"), () -> "a path into Tollgate's checkout: " + step);
    }

    private static JsonNode readiness(Path out) throws IOException {
        return new ObjectMapper().readTree(out.resolve("release-readiness.json").toFile());
    }

    static List<String> shellBlocks(Path page) throws IOException {
        Matcher matcher = SH_BLOCK.matcher(Files.readString(page));
        List<String> blocks = new ArrayList<>();
        while (matcher.find()) {
            blocks.add(matcher.group(1));
        }
        return blocks;
    }

    record Step(String block, int exitCode, String out) {
        @Override
        public String toString() {
            return "$ " + block.strip().replace("\n", "\n$ ") + "\nexit " + exitCode + "\n" + out;
        }
    }

    /**
     * One shell session across blocks, as a person's terminal: each block runs in bash, starting in
     * the directory and with the PATH the previous block left.
     */
    static final class Session {
        private final Path state;
        private Path cwd;
        private String path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

        Session(Path home) throws IOException {
            this.cwd = home;
            this.state = Files.createDirectories(home.resolve(".session"));
        }

        Step run(String block) throws IOException, InterruptedException {
            Path script = state.resolve("block.sh");
            Files.writeString(script, block + "\nstatus=$?\npwd > '" + state.resolve("cwd") + "'\nprintf %s \"$PATH\" > '"
                    + state.resolve("path") + "'\nexit $status\n");
            Path log = state.resolve("out.log");
            ProcessBuilder builder = new ProcessBuilder("bash", "-e", script.toString()).directory(cwd.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("PATH", path);
            builder.environment().put("HOME", cwd.toString());
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            Process process = builder.start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("a block of the getting-started page did not finish in 10 minutes: " + block);
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            if (Files.exists(state.resolve("cwd"))) {
                cwd = Path.of(Files.readString(state.resolve("cwd")).strip());
                path = Files.readString(state.resolve("path"));
            }
            return new Step(block, process.exitValue(), out);
        }
    }
}
