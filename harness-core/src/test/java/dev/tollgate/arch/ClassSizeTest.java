package dev.tollgate.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Classes stay small: a main source file of any module of the reactor longer than {@value #LIMIT}
 * lines needs a sentence in its class javadoc starting "Longer than 300 lines because", saying why
 * splitting it would make it worse. Reads the sources rather than the classes, so it sees every
 * module (cli, reports, maven-plugin, …) from harness-core's tests.
 */
class ClassSizeTest {

    static final int LIMIT = 300;

    private static final Pattern MODULE = Pattern.compile("<module>\\s*([^<\\s]+)\\s*</module>");
    private static final Pattern TYPE = Pattern.compile(
            "(?m)^(?:public\\s+|final\\s+|abstract\\s+|sealed\\s+|non-sealed\\s+|strictfp\\s+)*(?:class|interface|record|enum|@interface)\\s");
    private static final Pattern REASON = Pattern.compile("(?:^|[.!?:]\\s|<p>\\s?)Longer than 300 lines because\\s+\\S");

    @Test
    void noMainClassIsLongerThan300LinesWithoutAReason() {
        Path root = reactorRoot();
        List<Path> sources = mainSources(root);
        assertFalse(sources.isEmpty(), "no main sources found under the modules of " + root);
        List<String> oversize = new ArrayList<>();
        for (Path source : sources) {
            List<String> lines = read(source);
            if (lines.size() > LIMIT && !hasReason(String.join("\n", lines))) {
                oversize.add(root.relativize(source) + ": " + lines.size() + " lines");
            }
        }
        assertTrue(oversize.isEmpty(), () -> oversize.size() + " main class(es) over " + LIMIT + " lines:\n  "
                + String.join("\n  ", oversize) + "\nFix: split each into small classes with one job each, or, where a split"
                + " would make it worse, add a sentence to its class javadoc starting \"Longer than 300 lines because\".");
    }

    @Test
    void aReasonIsASentenceOfTheClassJavadoc() {
        assertTrue(hasReason("package a;\n\n/**\n * Parses things.\n * Longer than 300 lines because the grammar\n"
                + " * is one table.\n */\n@API(status = INTERNAL, since = \"0.2\")\npublic final class A {\n}\n"));
        assertTrue(hasReason("/** Longer than 300 lines because one state machine. */\nfinal class A {}\n"));
        assertTrue(hasReason("/**\n * Runs things.\n * <p>\n * Longer than 300 lines because one lock.\n */\nfinal class A {}\n"));
        // mentioned in passing, in a method's javadoc, or in a comment: not a reason
        assertFalse(hasReason("/** Parses. Not longer than 300 lines because of luck. */\nclass A {}\n"));
        assertFalse(hasReason("/** Parses. */\nclass A {\n    /** Longer than 300 lines because x. */\n    void a() {}\n}\n"));
        assertFalse(hasReason("// Longer than 300 lines because x.\nclass A {}\n"));
        assertFalse(hasReason("/** Longer than 300 lines because */\nclass A {}\n"));
    }

    @Test
    void findsTheMainSourcesOfEveryModule() {
        Path root = reactorRoot();
        List<Path> sources = mainSources(root);
        assertTrue(sources.stream().anyMatch(path -> path.endsWith("dev/tollgate/gate/Gate.java")), "harness-core");
        assertTrue(sources.stream().anyMatch(path -> path.startsWith(root.resolve("cli"))), "cli");
        assertTrue(sources.stream().anyMatch(path -> path.startsWith(root.resolve("reports"))), "reports");
        assertEquals(0, sources.stream().filter(path -> path.toString().contains("/src/test/")).count());
    }

    /** The text of the class javadoc (the last javadoc before the top-level type) has the reason as a sentence. */
    static boolean hasReason(String source) {
        Matcher type = TYPE.matcher(source);
        if (!type.find()) {
            return false;
        }
        String head = source.substring(0, type.start());
        int open = head.lastIndexOf("/**");
        int close = head.lastIndexOf("*/");
        if (open < 0 || close < open) {
            return false;
        }
        String javadoc = head.substring(open + 3, close).replaceAll("(?m)^\\s*\\*\\s?", " ").replaceAll("\\s+", " ").trim();
        return REASON.matcher(javadoc).find();
    }

    /** harness-core's parent when run from harness-core (as Surefire does): the first directory up with a pom of modules. */
    static Path reactorRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            if (Files.isRegularFile(pom) && MODULE.matcher(String.join("\n", read(pom))).find()) {
                return dir;
            }
        }
        throw new IllegalStateException("no reactor root (a pom.xml with <modules>) above " + Path.of("").toAbsolutePath()
                + ": run this test from a module of the Tollgate reactor");
    }

    private static List<Path> mainSources(Path root) {
        List<Path> sources = new ArrayList<>();
        for (Path module : modules(root)) {
            Path main = module.resolve("src/main/java");
            if (Files.isDirectory(main)) {
                try (Stream<Path> files = Files.walk(main)) {
                    files.filter(path -> path.toString().endsWith(".java")).sorted().forEach(sources::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return sources;
    }

    /** The modules the pom in {@code dir} lists, and theirs, recursively. */
    private static List<Path> modules(Path dir) {
        List<Path> modules = new ArrayList<>();
        Path pom = dir.resolve("pom.xml");
        if (!Files.isRegularFile(pom)) {
            return modules;
        }
        Matcher module = MODULE.matcher(String.join("\n", read(pom)));
        while (module.find()) {
            Path child = dir.resolve(module.group(1)).normalize();
            modules.add(child);
            modules.addAll(modules(child));
        }
        return modules;
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
