package dev.tollgate.load;

import static dev.tollgate.load.ProfilePositions.lineAt;
import static dev.tollgate.load.ProfilePositions.position;
import static dev.tollgate.load.ProfilePositions.topLevelKey;
import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apiguardian.api.API;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.tollgate.api.Hints;
import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;
import dev.tollgate.model.Durations;
import dev.tollgate.model.MigrationsSpec;
import dev.tollgate.model.Profile;
import dev.tollgate.model.StateSpec;
import dev.tollgate.model.SubjectSpec;
import dev.tollgate.model.Suggestions;
import dev.tollgate.model.Variables;

/**
 * Reads a {@code profile.yaml} into a {@link Profile}. Every problem is reported before anything
 * starts, as {@code file:line:column: what was found; what would be valid}.
 */
@API(status = INTERNAL, since = "0.1")
public final class ProfileLoader {

    /** Variables a runtime provides when it starts a release; a profile may always use these. */
    public static final Set<String> RUNTIME_VARIABLES = Set.of(
            "release", "release.file", "java", "service.port", "service.host", "service.dataDir", "service.sshPort",
            "database.url", "database.host", "database.port", "database.name", "database.user", "database.password");

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * One for the JVM: it keeps the deserializers it builds for the profile's records, which takes
     * longer than reading a profile (the command line and the engine each load the profile once).
     */
    private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .registerModule(new SimpleModule("tollgate-durations").addDeserializer(Duration.class, new Durations()));

    private final Variables variables;

    public ProfileLoader(Variables variables) {
        this.variables = variables;
    }

    /** Builds and keeps the profile's deserializers ({@link FirstUse}): a reader fetches its root's eagerly. */
    static void prepareReader() {
        MAPPER.readerFor(Profile.class);
    }

    /**
     * Finds a profile by name in {@code profilesDir} ({@code profilesDir/NAME/profile.yaml}) or by
     * path, and loads it.
     */
    public Profile locateAndLoad(String nameOrPath, Path profilesDir) {
        Path direct = Path.of(nameOrPath);
        if (nameOrPath.endsWith(".yaml") || nameOrPath.endsWith(".yml")) {
            return load(direct);
        }
        Path named = profilesDir.resolve(nameOrPath).resolve("profile.yaml");
        if (!Files.isRegularFile(named)) {
            throw new TollgateException(ErrorCode.LOAD_PROFILE_NOT_FOUND,
                    "No profile named '" + nameOrPath + "': " + named + " does not exist. Profiles in "
                            + profilesDir + ": " + String.join(", ", known(profilesDir))
                            + ". Choose one with " + Hints.setting(dev.tollgate.api.Constants.PROFILE, "NAME") + " or give the path of a profile.yaml.");
        }
        return load(named);
    }

    public Profile load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new TollgateException(ErrorCode.LOAD_PROFILE_NOT_FOUND,
                    "Profile file " + file.toAbsolutePath() + " does not exist.");
        }
        String text = read(file);
        Profile profile;
        try {
            profile = MAPPER.readValue(text, Profile.class).withSource(file);
        } catch (JsonProcessingException e) {
            throw ProfileReadError.invalid(file, text, e);
        }
        profile = withGeneratedTokens(profile);
        profile = new ReleaseFiles(variables).resolve(file, text, profile);
        checkVariables(file, text, profile);
        checkMigrationTool(file, text, profile.database().migrations());
        return profile;
    }

    /**
     * What a profile still says the old way, as warnings with its file and line: {@code versions:},
     * replaced by {@code releases:}. Empty for a profile not read from a file.
     */
    public static List<String> deprecations(Profile profile) {
        if (profile.versions().isEmpty() || profile.source() == null) {
            return List.of();
        }
        String text = read(profile.source());
        Matcher versions = topLevelKey("versions").matcher(text);
        String where = versions.find() ? profile.source() + ":" + lineAt(text, versions.start())
                : profile.source().toString();
        Map.Entry<String, String> first = profile.versions().entrySet().iterator().next();
        return List.of(where + ": versions: is deprecated and will go; list the releases instead, each with what it"
                + " reports: releases: { " + first.getKey() + ": { version: " + first.getValue() + " } }");
    }

    /** The shape of {@code database.migrations} is the record's to check; which tools exist is the readers'. */
    private static void checkMigrationTool(Path file, String text, MigrationsSpec migrations) {
        if (migrations.tool() == null || MigrationsSpec.TOOLS.contains(migrations.tool())) {
            return;
        }
        int section = Math.max(0, text.indexOf("migrations"));
        Matcher tool = Pattern.compile("tool\\s*:\\s*[\"']?" + Pattern.quote(migrations.tool())).matcher(text);
        String where = tool.find(section) ? position(file, text.substring(0, tool.start()) + "\u0000", "\u0000") : file.toString();
        throw new TollgateException(ErrorCode.LOAD_PROFILE_INVALID, where + ": 'database.migrations.tool': unknown migration tool '"
                + migrations.tool() + "'" + Suggestions.nearest(migrations.tool(), MigrationsSpec.TOOLS)
                        .map(s -> "; did you mean '" + s + "'?").orElse("")
                + " Known tools: " + String.join(", ", MigrationsSpec.TOOLS) + ".");
    }

    /**
     * Subjects with {@code generate: true} whose token is absent or names an unset variable get a
     * random token for this run, so a harness-deployed service never runs on published tokens.
     */
    private Profile withGeneratedTokens(Profile profile) {
        Map<String, SubjectSpec> subjects = new LinkedHashMap<>();
        profile.subjects().forEach((name, subject) -> {
            boolean unset = subject.token() == null || Variables.referencedBy(subject.token()).stream()
                    .anyMatch(variable -> variables.lookup(variable).isEmpty());
            subjects.put(name, subject.generate() && unset ? subject.withToken(randomToken()) : subject);
        });
        return profile.withSubjects(subjects);
    }

    private static String randomToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return "tg-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** {@code subjects.NAME.token} for each subject with a token of its own, for the service's settings. */
    public static Set<String> subjectVariables(Profile profile) {
        Set<String> names = new TreeSet<>();
        profile.subjects().forEach((name, subject) -> {
            if (subject.token() != null || subject.tokenFile() != null) {
                names.add("subjects." + name + ".token");
            }
        });
        return names;
    }

    private void checkVariables(Path file, String text, Profile profile) {
        Stream<String> templates = Stream.of(profile.service().command().stream(), profile.service().env().values().stream(),
                profile.state().values().stream().map(StateSpec::directory)).flatMap(stream -> stream);
        List<String> undefined = templates.flatMap(template -> Variables.referencedBy(template).stream())
                .distinct()
                .filter(name -> !RUNTIME_VARIABLES.contains(name) && !subjectVariables(profile).contains(name)
                        && !profile.service().ports().contains(name.startsWith("service.ports.") ? name.substring(14) : "")
                        && variables.lookup(name).isEmpty())
                .toList();
        if (!undefined.isEmpty()) {
            String problems = undefined.stream()
                    .map(name -> position(file, text, "${" + name + "}") + ": undefined variable ${" + name
                            + "}. Set it with " + Hints.setting(name, "…") + " or as an environment variable; a runtime provides "
                            + String.join(", ", new TreeSet<>(RUNTIME_VARIABLES)) + ".")
                    .collect(Collectors.joining("\n"));
            throw new TollgateException(ErrorCode.LOAD_UNDEFINED_VARIABLE, problems);
        }
    }


    private static List<String> known(Path profilesDir) {
        try (Stream<Path> children = Files.list(profilesDir)) {
            return children.filter(dir -> Files.isRegularFile(dir.resolve("profile.yaml")))
                    .map(dir -> dir.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return List.of("(none: the directory cannot be read)");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new TollgateException(ErrorCode.LOAD_PROFILE_NOT_FOUND, "Cannot read profile " + file + ": " + e.getMessage(), e);
        }
    }
}