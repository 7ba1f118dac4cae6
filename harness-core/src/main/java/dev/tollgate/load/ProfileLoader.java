package dev.tollgate.load;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apiguardian.api.API;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.tollgate.api.Hints;
import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.Text;
import dev.tollgate.api.TollgateException;
import dev.tollgate.model.Durations;
import dev.tollgate.model.MigrationsSpec;
import dev.tollgate.model.Profile;
import dev.tollgate.model.ReleaseSpec;
import dev.tollgate.model.Releases;
import dev.tollgate.model.SourcePosition;
import dev.tollgate.model.StateSpec;
import dev.tollgate.model.SubjectSpec;
import dev.tollgate.model.Suggestions;
import dev.tollgate.model.Variables;

/**
 * Reads a {@code profile.yaml} into a {@link Profile}. Every problem is reported before anything
 * starts, as {@code file:line:column: what was found; what would be valid}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ProfileLoader {

    /** Variables a runtime provides when it starts a release; a profile may always use these. */
    public static final Set<String> RUNTIME_VARIABLES = Set.of(
            "release", "release.file", "java", "service.port", "service.host", "service.dataDir", "service.sshPort",
            "database.url", "database.host", "database.port", "database.name", "database.user", "database.password");

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ObjectMapper mapper;
    private final Variables variables;

    public ProfileLoader(Variables variables) {
        this.variables = variables;
        this.mapper = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .registerModule(new SimpleModule("tollgate-durations").addDeserializer(Duration.class, new Durations()));
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
            profile = mapper.readValue(text, Profile.class).withSource(file);
        } catch (JsonProcessingException e) {
            throw invalid(file, text, e);
        }
        profile = withGeneratedTokens(profile);
        profile = withReleaseFiles(file, text, profile);
        checkVariables(file, text, profile);
        checkMigrationTool(file, text, profile.database().migrations());
        return profile;
    }

    /**
     * Where {@code releases:} is, for messages, and each release's file as an absolute path (after
     * its variables, {@code ${release}} among them, relative to the profile's directory) that exists:
     * a file that is missing stops the run here, before anything starts.
     */
    private Profile withReleaseFiles(Path file, String text, Profile profile) {
        Matcher section = topLevelKey("releases").matcher(text);
        if (!section.find()) {
            checkReleaseFileUsed(file, text, profile);
            return profile;
        }
        Map<String, ReleaseSpec> resolved = new LinkedHashMap<>();
        Path base = file.toAbsolutePath().getParent();
        for (Map.Entry<String, ReleaseSpec> entry : profile.releases().byId().entrySet()) {
            String id = entry.getKey();
            ReleaseSpec release = entry.getValue();
            if (release.file() == null) {
                resolved.put(id, release);
                continue;
            }
            String where = releasePosition(file, text, section.end(), id);
            String path;
            try {
                path = variables.with("release", id).resolve(release.file());
            } catch (Variables.UndefinedVariableException e) {
                throw new TollgateException(ErrorCode.LOAD_UNDEFINED_VARIABLE, where + ": 'releases." + id
                        + ".file': undefined variable ${" + e.variable() + "}. Set it with " + Hints.setting(e.variable(), "…")
                        + " or as an environment variable.");
            }
            Path artifact = base.resolve(path).normalize();
            if (!Files.isRegularFile(artifact)) {
                throw new TollgateException(ErrorCode.LOAD_PROFILE_INVALID, where + ": 'releases." + id + ".file': "
                        + release.file() + " is not a file (looked for " + artifact + "). Build or download the release"
                        + " there, or correct the path; a relative one is read from the profile's directory, " + base + ".");
            }
            resolved.put(id, release.withFile(artifact.toString()));
        }
        int line = lineAt(text, section.start());
        profile = profile.withReleases(new Releases(resolved, new SourcePosition(file, line, 1)));
        checkReleaseFileUsed(file, text, profile);
        return profile;
    }

    // ${release.file} is the release's declared file: a release without one could not be started.
    private static void checkReleaseFileUsed(Path file, String text, Profile profile) {
        String variable = "${release.file}";
        boolean used = Stream.concat(profile.service().command().stream(), profile.service().env().values().stream())
                .anyMatch(part -> part.contains(variable));
        if (!used) {
            return;
        }
        List<String> without = profile.releases().byId().entrySet().stream().filter(entry -> entry.getValue().file() == null)
                .map(Map.Entry::getKey).toList();
        if (profile.releases().isEmpty() || !without.isEmpty()) {
            throw new TollgateException(ErrorCode.LOAD_PROFILE_INVALID, position(file, text, variable) + ": " + variable
                    + " is the file of the release being started, and " + (profile.releases().isEmpty()
                            ? "the profile lists no releases: add releases: { ID: { file: PATH } }"
                            : "releases " + String.join(", ", without) + " have no file: give each a file: PATH")
                    + ", or start the service without " + variable + ".");
        }
    }

    private static Pattern topLevelKey(String key) {
        return Pattern.compile("(?m)^" + Pattern.quote(key) + "\\s*:");
    }

    /** The line and column of release {@code id}'s key after {@code releases:}, else the section's. */
    private static String releasePosition(Path file, String text, int sectionEnd, String id) {
        Matcher key = Pattern.compile("(?m)^[ \\t]+[\"']?" + Pattern.quote(id) + "[\"']?\\s*:").matcher(text);
        if (key.find(sectionEnd)) {
            int line = lineAt(text, key.start());
            String lineText = text.substring(key.start());
            int column = lineText.length() - lineText.stripLeading().length() + 1;
            return file + ":" + line + ":" + column;
        }
        return position(file, text, "releases:");
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

    private static String position(Path file, String text, String needle) {
        int index = text.indexOf(needle);
        if (index < 0) {
            return file.toString();
        }
        return file + ":" + lineAt(text, index) + ":" + (index - text.lastIndexOf('\n', index - 1));
    }

    /** The 1-based line of {@code text} that {@code index} is on. */
    private static int lineAt(String text, int index) {
        return (int) text.substring(0, index).chars().filter(c -> c == '\n').count() + 1;
    }

    private static TollgateException invalid(Path file, String text, JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        String where = location == null ? file.toString()
                : file + ":" + location.getLineNr() + ":" + location.getColumnNr();
        String what;
        StreamReadException syntax = syntaxError(e);
        if (syntax != null) {
            JsonLocation at = syntax.getLocation();
            where = at == null ? where : file + ":" + at.getLineNr() + ":" + at.getColumnNr();
            what = "not valid YAML: " + Text.firstLine(syntax.getOriginalMessage());
        } else if (e instanceof UnrecognizedPropertyException unknown) {
            // Jackson reports where it stopped reading (after the value); point at the key itself.
            where = keyPosition(file, text, unknown.getPropertyName(), location).orElse(where);
            Collection<String> valid = unknown.getKnownPropertyIds().stream().map(String::valueOf)
                    .filter(name -> !name.equals("source")).sorted().toList();
            what = "unknown key '" + unknown.getPropertyName() + "'"
                    + Suggestions.nearest(unknown.getPropertyName(), valid).map(s -> "; did you mean '" + s + "'?").orElse("")
                    + " Valid keys here: " + String.join(", ", valid) + ".";
        } else if (e instanceof JsonMappingException mapping) {
            String path = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining()).replaceFirst("^\\.", "");
            Throwable root = rootCause(e);
            String reason = root != e && root.getMessage() != null ? root.getMessage() : e.getOriginalMessage();
            what = (path.isEmpty() ? "" : "'" + path + "': ") + Text.firstLine(reason);
        } else {
            what = "not valid YAML: " + Text.firstLine(e.getOriginalMessage());
        }
        return new TollgateException(ErrorCode.LOAD_PROFILE_INVALID, where + ": " + what, e);
    }

    private static StreamReadException syntaxError(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof StreamReadException read) {
                return read;
            }
        }
        return null;
    }

    /** The line and column of the last {@code key:} at or before where the parser stopped. */
    private static Optional<String> keyPosition(Path file, String text, String key, JsonLocation stoppedAt) {
        String[] lines = text.split("\n", -1);
        int last = stoppedAt == null ? lines.length : Math.min(lines.length, stoppedAt.getLineNr());
        Pattern keyLine = Pattern.compile("^(\\s*(?:-\\s+)?)" + Pattern.quote(key) + "\\s*:");
        for (int i = last - 1; i >= 0; i--) {
            Matcher matcher = keyLine.matcher(lines[i]);
            if (matcher.find()) {
                return Optional.of(file + ":" + (i + 1) + ":" + (matcher.group(1).length() + 1));
            }
        }
        return Optional.empty();
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
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
