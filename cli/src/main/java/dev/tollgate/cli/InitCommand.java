package dev.tollgate.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tollgate init}: writes a Tollgate project for a service — {@code tollgate.yaml}, a
 * {@code local} profile and suites for clean install, upgrade, authorization and restore — from a
 * few flags, with TODO comments where only the service's maintainer knows the answer (the data to
 * seed, the authorization matrix's routes). {@code --example} writes the sample service's project
 * instead, with the sample's releases in one jar. Nothing that exists is overwritten.
 */
@Command(name = "init", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write a Tollgate project for your service into DIR (default: here): tollgate.yaml, "
                + "profiles/local/profile.yaml and suites, ready to validate. --example writes the sample service's.", ""},
        footer = {"", "Examples:",
                "  tollgate init --example                                   # the sample service, ready to run",
                "  tollgate init orders --command 'java -jar build/orders-$${release}.jar' --health /actuator/health",
                "  tollgate init --command 'node server.js' --port-env PORT --version-path /version --version-field version",
                "", "Exit codes: 0 written, 2 bad options or a file that would be overwritten."})
final class InitCommand implements Callable<Integer> {

    private static final String EXAMPLE = "dev/tollgate/cli/example";

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", arity = "0..1", description = "The project's directory. Default: here.")
    Path dir;

    @Option(names = "--example", description = "Write the sample service's project (its releases are in one jar).")
    boolean example;

    @Option(names = "--name", paramLabel = "NAME", description = "The project's name. Default: the directory's.")
    String name;

    @Option(names = "--command", paramLabel = "COMMAND", description = "The command that starts one release, with "
            + "$${release} for the release id, e.g. 'java -jar build/orders-$${release}.jar'. Words are split at spaces; "
            + "quote a word with spaces in it with \"…\".")
    String command;

    @Option(names = "--port-env", paramLabel = "NAME", defaultValue = "PORT", description = "The environment variable "
            + "that tells the service its HTTP port. Default: ${DEFAULT-VALUE}.")
    String portEnv;

    @Option(names = "--database-url-env", paramLabel = "NAME", defaultValue = "DATABASE_URL", description = "The "
            + "environment variable for the JDBC URL of its database. Default: ${DEFAULT-VALUE}.")
    String databaseUrlEnv;

    @Option(names = "--database-user-env", paramLabel = "NAME", defaultValue = "DATABASE_USER",
            description = "Default: ${DEFAULT-VALUE}.")
    String databaseUserEnv;

    @Option(names = "--database-password-env", paramLabel = "NAME", defaultValue = "DATABASE_PASSWORD",
            description = "Default: ${DEFAULT-VALUE}.")
    String databasePasswordEnv;

    @Option(names = "--database-name", paramLabel = "NAME", defaultValue = "app", description = "Default: ${DEFAULT-VALUE}.")
    String databaseName;

    @Option(names = "--health", paramLabel = "PATH", defaultValue = "/health", description = "Its health endpoint "
            + "(2xx when up). Default: ${DEFAULT-VALUE}.")
    String health;

    @Option(names = "--ready", paramLabel = "PATH", description = "Its readiness endpoint, if it has one.")
    String ready;

    @Option(names = "--version-path", paramLabel = "PATH", description = "An endpoint whose JSON reports the "
            + "running release, if it has one.")
    String versionPath;

    @Option(names = "--version-field", paramLabel = "FIELD", defaultValue = "version", description = "The JSON field "
            + "of --version-path that holds the release. Default: ${DEFAULT-VALUE}.")
    String versionField;

    @Override
    public Integer call() throws IOException {
        Path target = (dir == null ? Path.of("") : dir).toAbsolutePath().normalize();
        Map<Path, String> files = example ? exampleFiles() : serviceFiles(target);
        List<Path> existing = files.keySet().stream().map(target::resolve).filter(Files::exists).toList();
        if (!existing.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "not overwriting what is there: "
                    + existing.stream().map(Path::toString).toList() + ". Choose an empty directory, or move these away.");
        }
        for (Map.Entry<Path, String> file : files.entrySet()) {
            Path path = target.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        if (example) {
            copyExampleJar(target.resolve("releases/sample-app.jar"));
        }
        PrintStream out = System.out;
        out.println("✔ wrote a Tollgate project in " + target + " (" + (files.size() + (example ? 1 : 0)) + " files)");
        out.println("Next:");
        if (!example) {
            out.println("  fill in the TODOs in suites/ (grep -rn TODO " + (dir == null ? "." : dir) + ")");
        }
        String cd = dir == null ? "" : "cd " + dir + " && ";
        out.println("  " + cd + "tollgate validate");
        out.println("  " + cd + "tollgate run --tag upgrade --previous " + (example ? "1.0.0 --candidate 1.1.0" : "OLD --candidate NEW"));
        return ExitCodes.OK;
    }

    private Map<Path, String> exampleFiles() throws IOException {
        Map<Path, String> files = new LinkedHashMap<>();
        withExample(root -> {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path file : walk.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".jar")).toList()) {
                    files.put(Path.of(root.relativize(file).toString()), Files.readString(file));
                }
            }
        });
        return files;
    }

    private static void copyExampleJar(Path to) throws IOException {
        withExample(root -> {
            Path jar = root.resolve("releases").resolve("sample-app.jar");
            if (!Files.isRegularFile(jar)) {
                throw new TollgateException(ErrorCode.RUNTIME_IO, "This build of Tollgate has no sample service in it ("
                        + jar + "); build the cli module after sample-app, or use Tollgate's distribution.");
            }
            Files.createDirectories(to.getParent());
            Files.copy(jar, to);
        });
    }

    private interface ExampleAction {
        void on(Path root) throws IOException;
    }

    // The example is a folder of resources: inside the jar when run from it, on disk in a build.
    private static void withExample(ExampleAction action) throws IOException {
        URL marker = InitCommand.class.getClassLoader().getResource(EXAMPLE + "/tollgate.yaml");
        if (marker == null) {
            throw new TollgateException(ErrorCode.RUNTIME_IO, "This build of Tollgate has no example project in it.");
        }
        try {
            URI uri = marker.toURI();
            if (!"jar".equals(uri.getScheme())) {
                action.on(Path.of(uri).getParent());
                return;
            }
            FileSystem jar;
            boolean opened = false;
            try {
                jar = FileSystems.newFileSystem(uri, Map.of());
                opened = true;
            } catch (FileSystemAlreadyExistsException e) {
                jar = FileSystems.getFileSystem(uri);
            }
            try {
                action.on(jar.getPath(EXAMPLE));
            } finally {
                if (opened) {
                    jar.close();
                }
            }
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }

    private Map<Path, String> serviceFiles(Path target) {
        if (command == null || command.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--command is required: the command that starts one "
                    + "release of your service, with ${release} for the release id (or use --example)");
        }
        String project = name != null ? name : target.getFileName() == null ? "service" : target.getFileName().toString();
        Map<Path, String> files = new LinkedHashMap<>();
        files.put(Path.of(ProjectFile.FILE_NAME), ServiceTemplates.projectFile(project));
        files.put(Path.of("profiles/local/profile.yaml"), ServiceTemplates.profile(words(command), portEnv, databaseUrlEnv,
                databaseUserEnv, databasePasswordEnv, databaseName, health, ready, versionPath, versionField));
        files.putAll(ServiceTemplates.suites(ready != null, versionPath != null));
        return files;
    }

    /** Splits at spaces; "…" keeps a word with spaces whole. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (any) {
                    words.add(word.toString());
                    word.setLength(0);
                    any = false;
                }
            } else {
                word.append(c);
                any = true;
            }
        }
        if (any) {
            words.add(word.toString());
        }
        return words;
    }
}
