package dev.tollgate.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apiguardian.api.API;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.Text;
import dev.tollgate.api.TollgateException;

/**
 * {@code run.json}: a {@link RunRecord} serialised, for a gate that runs in another JVM than the
 * rehearsal (Maven's Failsafe fork, then the reports module). A record of another
 * {@link RunRecord#format() format} is refused with what to do, never judged by rules it was not
 * written for.
 */
@API(status = INTERNAL, since = "0.2")
public final class RunRecordJson {

    /** The file's name in the evidence directory. */
    public static final String FILE_NAME = "run.json";

    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private RunRecordJson() {
    }

    public static void write(RunRecord run, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            // run.json is read by the readiness step and kept by CI: it passes the run's masking like every writer.
            Files.writeString(file, dev.tollgate.check.Secrets.known().mask(JSON.writeValueAsString(run)));
        } catch (IOException e) {
            throw new TollgateException(ErrorCode.RUNTIME_IO, "Cannot write the run record " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @throws TollgateException {@link ErrorCode#LOAD_RUN_RECORD_INVALID} when the file does not parse
     *                           or is of another format, naming the file and the fix
     */
    public static RunRecord read(Path file) {
        JsonNode tree;
        try {
            tree = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw invalid(file, "it is not JSON: " + Text.firstLine(e.getMessage()));
        }
        if (tree == null || !tree.isObject()) {
            throw invalid(file, "it is not a JSON object");
        }
        int format = tree.path("format").asInt(1);
        if (format != RunRecord.FORMAT) {
            throw invalid(file, "it is of format " + format + (tree.has("format") ? "" : " (it has no 'format')")
                    + ", written by Tollgate " + tree.path("tollgateVersion").asText("?") + "; this build reads format "
                    + RunRecord.FORMAT + ". Rehearse again with this build to judge the run");
        }
        try {
            return JSON.treeToValue(tree, RunRecord.class);
        } catch (IOException e) {
            throw invalid(file, Text.firstLine(e.getMessage()));
        }
    }

    /** The record as JSON text, as {@link #write} writes it. */
    public static String toJson(RunRecord run) {
        try {
            return JSON.writeValueAsString(run);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TollgateException invalid(Path file, String why) {
        return new TollgateException(ErrorCode.LOAD_RUN_RECORD_INVALID, "The run record " + file + " cannot be judged: "
                + why + ".");
    }
}
