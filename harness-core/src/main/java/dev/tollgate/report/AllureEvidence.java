package dev.tollgate.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.apiguardian.api.API;

import dev.tollgate.check.CheckResult;
import dev.tollgate.check.Evidence;
import dev.tollgate.check.Secrets;
import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.StepResult;

/**
 * Writes what a step found into the Allure result of the test that is running: one Allure step per
 * check with its evidence attached, labels for the suite and releases, service logs. Does nothing
 * when no Allure listener is running (an IDE run without Allure), so a report is never a
 * precondition of a rehearsal.
 */
@API(status = INTERNAL, since = "0.1")
public final class AllureEvidence {

    private static final int MAX_LOG_BYTES = 256 * 1024;
    /** Everything attached passes the run's masking: values, credential headers and fields. */
    private static final Secrets SHOWN = Secrets.known();

    private AllureEvidence() {
    }

    private static boolean active() {
        return Allure.getLifecycle().getCurrentTestCase().isPresent();
    }

    public static void label(String name, String value) {
        if (active()) {
            Allure.label(name, SHOWN.mask(value));
        }
    }

    public static void parameter(String name, String value) {
        if (active()) {
            Allure.parameter(name, SHOWN.mask(value));
        }
    }

    public static void description(String text) {
        if (active() && !text.isBlank()) {
            Allure.description(SHOWN.mask(text));
        }
    }

    /** One Allure step for a check, carrying its status, message and evidence. */
    public static void check(CheckResult result) {
        if (!active()) {
            return;
        }
        AllureLifecycle lifecycle = Allure.getLifecycle();
        String uuid = UUID.randomUUID().toString();
        lifecycle.startStep(uuid, new StepResult().setName(SHOWN.mask(result.check() + ": " + result.message())));
        result.evidence().forEach(AllureEvidence::attach);
        lifecycle.updateStep(uuid, step -> step.setStatus(status(result))
                .setStatusDetails(new StatusDetails().setMessage(SHOWN.mask(result.message()))));
        lifecycle.stopStep(uuid);
    }

    public static void attach(Evidence evidence) {
        if (active()) {
            Allure.addAttachment(SHOWN.mask(evidence.name()), evidence.mediaType(), SHOWN.mask(evidence.content()),
                    evidence.mediaType().endsWith("json") ? "json" : "txt");
        }
    }

    /** Attaches the tail of a log file (the phase's service output). */
    public static void log(String name, Path file) {
        if (!active() || file == null || !Files.isRegularFile(file)) {
            return;
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            int from = Math.max(0, bytes.length - MAX_LOG_BYTES);
            Allure.addAttachment(name, "text/plain",
                    SHOWN.mask(new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8)), "log");
        } catch (java.io.IOException e) {
            Allure.addAttachment(name, "text/plain", "cannot read " + file + ": " + e.getMessage(), "txt");
        }
    }

    private static Status status(CheckResult result) {
        return switch (result.status()) {
            case PASSED -> Status.PASSED;
            case FAILED -> Status.FAILED;
            case BROKEN -> Status.BROKEN;
            case SKIPPED -> Status.SKIPPED;
        };
    }
}
