package dev.tollgate.maven;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apiguardian.api.API;

import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code tollgate:rehearse}: rehearses the Tollgate project in the service's own build and decides
 * the gate — {@code release-readiness.json} and {@code .md}, the run record and service logs, the
 * Allure results and report, all under {@link #out} — and fails the build on NO-GO or INCONCLUSIVE
 * unless {@link #gate} is {@code report-only}. Bound to {@code verify} by default, so a
 * {@code <profile>} with this goal makes {@code mvn verify -Pupgrade} rehearse the service (see
 * {@code docs/maven-plugin.md}).
 *
 * <p><b>Why a child JVM.</b> The goal runs Tollgate's command line ({@code tollgate run}) with
 * {@code java -cp <this plugin's dependencies> dev.tollgate.cli.Tollgate}, not inside Maven's JVM.
 * A rehearsal sets system properties that profiles and suites read, registers Allure's listener and
 * the engine through {@link java.util.ServiceLoader} on the context class loader, binds SLF4J (which
 * Maven's own class loader exports to every plugin, so a plugin's binding is not the one used), and
 * starts PostgreSQL and service processes that must not outlive it: all of that is one process's
 * business, and Maven's process is shared by every other plugin of the build (and by every module
 * of a parallel one). The child JVM gets exactly the jars Maven resolved for this plugin — the
 * command line, the engine, the reports module and their dependencies, each with its own
 * {@code META-INF/services} — so no jar needs shading and the plugin's versions are the ones its pom
 * names; and it gets Tollgate's engine JVM options ({@link #jvmArgs}). Its exit code is the
 * command line's contract (0 GO or report-only, 1 NO-GO or INCONCLUSIVE, 2 nothing ran, 3 broken
 * environment); the verdict and its reasons for the build's message are read back from
 * {@code release-readiness.json}, never from the child's output.
 *
 * @see <a href="https://github.com/tollgate/tollgate/blob/main/docs/maven-plugin.md">docs/maven-plugin.md</a>
 */
@API(status = EXPERIMENTAL, since = "0.2")
@Mojo(name = "rehearse", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class RehearseMojo extends AbstractMojo {

    private static final String MAIN_CLASS = "dev.tollgate.cli.Tollgate";

    /** The Tollgate project: the directory with {@code tollgate.yaml}, its profiles and suites. */
    @Parameter(property = "tollgate.projectDir", defaultValue = "${project.basedir}", required = true)
    File projectDir;

    /** Where everything the rehearsal writes goes: release-readiness.json/.md, tollgate/, allure-results/, allure-report/. */
    @Parameter(property = "tollgate.out", defaultValue = "${project.build.directory}/tollgate", required = true)
    File out;

    /** The deployment profile (a folder under the project's profiles, or a profile.yaml). Default: the project's. */
    @Parameter(property = "tollgate.profile")
    String profile;

    /** The release in production; several, comma-separated, rehearse one upgrade path from each (a matrix). */
    @Parameter(property = "tollgate.previous")
    String previous;

    /** The release about to ship. */
    @Parameter(property = "tollgate.candidate")
    String candidate;

    /** Only this part of the selection's units, {@code INDEX/COUNT} (e.g. {@code 2/4}); merge the parts with {@code tollgate merge}. */
    @Parameter(property = "tollgate.shard")
    String shard;

    /** With a shard: a previous run's {@code run.json}, whose suite times balance the shards. */
    @Parameter(property = "tollgate.durationsFrom")
    File durationsFrom;

    /** An upgrade path, first to last (overrides previous and candidate), e.g. {@code 1.0.0,1.1.0,2.0.0}. */
    @Parameter(property = "tollgate.chain")
    List<String> chain = new ArrayList<>();

    /** Only suites with one of these tags or tag expressions ({@code upgrade}, {@code release-gate}, …). */
    @Parameter(property = "tollgate.tags")
    List<String> tags = new ArrayList<>();

    /** Only the suites with these names. */
    @Parameter(property = "tollgate.suites")
    List<String> suites = new ArrayList<>();

    /** Suite files or directories. Default: the project's suites ({@code suites:} in tollgate.yaml). */
    @Parameter
    List<File> suiteFiles = new ArrayList<>();

    /** {@code enforce}: the build fails unless GO; {@code report-only}: the verdict is written and the build goes on. */
    @Parameter(property = "tollgate.gate", defaultValue = "enforce")
    String gate;

    /** Variables for profiles and suites ({@code --set NAME=VALUE} of the command line). */
    @Parameter
    Map<String, String> variables = new LinkedHashMap<>();

    /** The waivers file. Default: waivers.yaml beside the profile, else at the project's root. */
    @Parameter(property = "tollgate.waivers")
    File waivers;

    /** The gate rules. Default: gate.yaml beside the profile, else at the project's root. */
    @Parameter(property = "tollgate.gate.rules")
    File gateRules;

    /** Base URL of a deployment that is already running (the remote runtime, e.g. staging). */
    @Parameter(property = "tollgate.target.url")
    String targetUrl;

    /** Its database, for read-only checks. */
    @Parameter(property = "tollgate.target.databaseUrl")
    String databaseUrl;

    /** Lets destructive suites run against a remote target: only for disposable environments. */
    @Parameter(property = "tollgate.allowDestructive", defaultValue = "false")
    boolean allowDestructive;

    /** An Allure command line of your own (its unpacked folder). Default: the one this plugin brings. */
    @Parameter(property = "tollgate.allureHome")
    File allureHome;

    /** Options of the rehearsal's JVM; the default leaves the machine's cores to the services it starts. */
    @Parameter(property = "tollgate.jvmArgs", defaultValue = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto")
    String jvmArgs;

    /** Skips the rehearsal. */
    @Parameter(property = "tollgate.skip", defaultValue = "false")
    boolean skip;

    /** A rehearsal is an integration test: {@code -DskipTests} skips it, as it skips every test. */
    @Parameter(property = "skipTests", defaultValue = "false")
    boolean skipTests;

    /** And {@code -DskipITs}, as it skips Failsafe's. */
    @Parameter(property = "skipITs", defaultValue = "false")
    boolean skipITs;

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    PluginDescriptor plugin;

    @Parameter(defaultValue = "${project.build.directory}", readonly = true, required = true)
    File buildDirectory;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip || skipTests || skipITs) {
            getLog().info("Tollgate rehearsal skipped (" + (skip ? "tollgate.skip" : skipTests ? "skipTests" : "skipITs") + ")");
            return;
        }
        if (!List.of("enforce", "report-only").contains(gate)) {
            throw new MojoExecutionException("<gate>" + gate + "</gate> is not a gate mode: use enforce or report-only "
                    + "(-Dtollgate.gate=report-only)");
        }
        Path project = projectDir.toPath().toAbsolutePath().normalize();
        if (!Files.isRegularFile(project.resolve("tollgate.yaml"))) {
            throw new MojoExecutionException("No Tollgate project in " + project + ": it has no tollgate.yaml. Write one "
                    + "with 'tollgate init' there, or point <projectDir> (-Dtollgate.projectDir=DIR) at the directory "
                    + "that has it.");
        }
        Path outDir = out.toPath().toAbsolutePath().normalize();
        Path allure = allureHome != null ? allureHome.toPath().toAbsolutePath()
                : AllureCommandLineZip.unpacked(allureZip(), buildDirectory.toPath().resolve("tollgate-allure"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(words(jvmArgs));
        command.add("@" + ChildClasspath.argumentFile(classpath(), outDir.resolve("java-classpath.args")));
        command.add(MAIN_CLASS);
        command.addAll(runArguments(project, outDir, allure));
        getLog().info("Tollgate: rehearsing " + project + " (" + String.join(" ", command.subList(command.indexOf(MAIN_CLASS),
                command.size())) + ")");
        ChildProcess.Result result = ChildProcess.run(command, project);
        Verdicts.decide(result, outDir, getLog());
    }

    /** The command line's options, as a person would type them after {@code tollgate run}. */
    List<String> runArguments(Path project, Path outDir, Path allure) {
        List<String> args = new ArrayList<>(List.of("run", "--root", project.toString(), "--out", outDir.toString(),
                "--gate", gate, "--allure-home", allure.toString(),
                // The verdict's hint names this plugin's parameter, not the command line's option.
                "--report-only-hint", "<gate>report-only</gate> (-Dtollgate.gate=report-only)"));
        option(args, "--profile", profile);
        List<String> path = nonBlank(chain);
        if (!path.isEmpty()) {
            args.add("--chain");
            args.add(String.join(",", path));
        } else {
            option(args, "--previous", previous);
            option(args, "--candidate", candidate);
        }
        option(args, "--shard", shard);
        option(args, "--durations-from", durationsFrom == null ? null : durationsFrom.getAbsolutePath());
        nonBlank(tags).forEach(tag -> args.addAll(List.of("--tag", tag)));
        nonBlank(suites).forEach(suite -> args.addAll(List.of("--suite", suite)));
        variables.forEach((name, value) -> args.addAll(List.of("--set", name + "=" + (value == null ? "" : value))));
        option(args, "--waivers", waivers == null ? null : waivers.getAbsolutePath());
        option(args, "--gate-rules", gateRules == null ? null : gateRules.getAbsolutePath());
        option(args, "--target-url", targetUrl);
        option(args, "--database-url", databaseUrl);
        if (allowDestructive) {
            args.add("--allow-destructive");
        }
        suiteFiles.forEach(file -> args.add(file.getAbsolutePath()));
        return args;
    }

    /** The plugin's own dependencies (jars only): the command line and everything it needs. */
    private List<Path> classpath() throws MojoExecutionException {
        List<Path> jars = plugin.getArtifacts().stream().filter(artifact -> "jar".equals(artifact.getType()))
                .map(Artifact::getFile).filter(file -> file != null).map(File::toPath).toList();
        if (jars.stream().noneMatch(jar -> jar.getFileName().toString().startsWith("cli-"))) {
            throw new MojoExecutionException("The plugin's dependencies do not include Tollgate's command line "
                    + "(dev.tollgate:cli); resolved: " + jars);
        }
        return jars;
    }

    private Path allureZip() throws MojoExecutionException {
        return plugin.getArtifacts().stream()
                .filter(artifact -> "allure-commandline".equals(artifact.getArtifactId()) && "zip".equals(artifact.getType()))
                .map(Artifact::getFile).filter(file -> file != null).map(File::toPath).findFirst()
                .orElseThrow(() -> new MojoExecutionException("The plugin's dependencies do not include the Allure command "
                        + "line (io.qameta.allure:allure-commandline:zip); give <allureHome> (-Dtollgate.allureHome=DIR)"));
    }

    private static void option(List<String> args, String name, String value) {
        Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty()).ifPresent(v -> {
            args.add(name);
            args.add(v);
        });
    }

    // -Dtollgate.tags=upgrade,authz arrives as one element or many; blanks come from empty properties.
    private static List<String> nonBlank(List<String> values) {
        return values == null ? List.of() : values.stream().filter(v -> v != null).flatMap(v -> List.of(v.split(",")).stream())
                .map(String::strip).filter(v -> !v.isEmpty()).toList();
    }

    private static List<String> words(String text) {
        return text == null ? List.of() : List.of(text.strip().split("\\s+")).stream().filter(w -> !w.isEmpty()).toList();
    }
}
