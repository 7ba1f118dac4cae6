package dev.tollgate.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;
import dev.tollgate.check.CheckResult;
import dev.tollgate.check.Status;
import dev.tollgate.model.CheckSpec;
import dev.tollgate.model.Step;
import dev.tollgate.model.Suite;
import dev.tollgate.report.RunRecord;

/**
 * Collects the outcome of every step of a run and writes {@code run.json} when the run ends, so
 * the gate decides on what actually happened, skipped steps included.
 */
final class RunRecorder {

    static final String FILE_NAME = "run.json";

    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Instant startedAt = Instant.now();
    private final Map<Suite, List<RunRecord.StepRecord>> steps = new LinkedHashMap<>();

    synchronized void suiteStarted(Suite suite) {
        steps.putIfAbsent(suite, new ArrayList<>());
    }

    synchronized void stepFinished(Suite suite, String id, String name, Step step, Status status, String message,
            long durationMillis, List<CheckResult> results) {
        List<RunRecord.CheckRecord> checks = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            CheckSpec spec = step.checks().get(Math.min(i, step.checks().size() - 1));
            CheckResult result = results.get(i);
            checks.add(new RunRecord.CheckRecord(result.check(), spec.type(), result.status(), result.message()));
        }
        steps.computeIfAbsent(suite, s -> new ArrayList<>()).add(new RunRecord.StepRecord(id, name, step.kind().key(),
                step.position().toString(), status, message, durationMillis, checks));
    }

    synchronized RunRecord record(TollgateExecutionContext.RunSettings run) {
        List<RunRecord.SuiteRecord> suites = steps.entrySet().stream()
                .map(entry -> new RunRecord.SuiteRecord(entry.getKey().name(), entry.getKey().position().file().toString(),
                        entry.getKey().tags().stream().sorted().toList(), entry.getValue()))
                .toList();
        return new RunRecord(version(), run.profile().name(), run.configuration().previous().id(),
                run.configuration().candidate().id(), startedAt, Instant.now(), suites);
    }

    void write(TollgateExecutionContext.RunSettings run) {
        Path file = run.configuration().evidenceDir().resolve(FILE_NAME);
        try {
            Files.createDirectories(file.getParent());
            JSON.writeValue(file.toFile(), record(run));
        } catch (IOException e) {
            throw new TollgateException(ErrorCode.RUNTIME_IO, "Cannot write the run record " + file + ": " + e.getMessage(), e);
        }
    }

    private static String version() {
        String version = RunRecorder.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
