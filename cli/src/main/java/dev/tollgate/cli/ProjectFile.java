package dev.tollgate.cli;

import dev.tollgate.model.MatrixSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;

/**
 * A project's marker file, {@code tollgate.yaml}: the directory that holds it is a Tollgate project,
 * and what it says are the defaults of a run there. Every key is optional.
 *
 * <pre>{@code
 * name: orders-service
 * profile: local          # the profile a run uses unless --profile names another
 * profiles: profiles      # one folder per profile, each with its profile.yaml
 * suites: suites          # the suites a run selects from unless paths are given
 * out: target/tollgate    # where a run writes its reports, logs and Allure report and history
 * matrix:                 # the previous releases a run upgrades from, one path each, unless --previous
 *   previous: [1.0.0, 1.1.0]
 * variables:              # for profiles and suites, as --set NAME=VALUE gives them (which wins)
 *   orders.jar: "${project.dir}/build/orders.jar"
 * }</pre>
 *
 * <p>{@code ${project.dir}} is the project's directory, in these values and in profiles and suites.
 *
 * @param name     the project's name, for people
 * @param profile  the default profile
 * @param profiles the profiles directory, relative to the project
 * @param suites   the suites directory, relative to the project
 * @param out      the output directory, relative to the project
 * @param variables variables for profiles and suites
 * @param matrix   the previous releases to rehearse upgrades from, which win over the profile's
 */
record ProjectFile(String name, String profile, String profiles, String suites, String out, Map<String, String> variables,
        MatrixSpec matrix) {

    ProjectFile {
        matrix = matrix == null ? MatrixSpec.NONE : matrix;
        variables = variables == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }

    static final String FILE_NAME = "tollgate.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Builds and keeps the file's deserializers now (see {@link Tollgate#execute}). */
    static void prepare() {
        YAML.readerFor(ProjectFile.class);
    }

    static ProjectFile none() {
        return new ProjectFile(null, null, null, null, null, null, null);
    }

    /** The marker in {@code dir}, if it has one. */
    static Optional<ProjectFile> in(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            ProjectFile read = YAML.readValue(file.toFile(), ProjectFile.class);
            return Optional.of(read == null ? none() : read);
        } catch (UnrecognizedPropertyException e) {
            throw new TollgateException(ErrorCode.LOAD_INVALID_SETTING, file + ":" + e.getLocation().getLineNr() + ":"
                    + e.getLocation().getColumnNr() + ": unknown key '" + e.getPropertyName()
                    + "'; valid keys are name, profile, profiles, suites, out, variables, matrix");
        } catch (IOException e) {
            throw new TollgateException(ErrorCode.LOAD_INVALID_SETTING, file + " is not a project file Tollgate can read: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }
}
