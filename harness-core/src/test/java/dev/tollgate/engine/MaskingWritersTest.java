package dev.tollgate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;
import dev.tollgate.check.Secrets;

/** The engine's own writers (failure messages for JUnit XML and Allure, the console, log files) mask what the run learnt. */
class MaskingWritersTest {

    @TempDir
    Path dir;

    @Test
    void aFailureCarryingASecretIsShownMaskedAndKeepsItsKind() {
        Secrets.remember("writer-test-token-1");
        Throwable failed = StepExecutor.maskedThrowable(new AssertionFailedError("viewer sent writer-test-token-1 and got 200"));
        assertInstanceOf(AssertionError.class, failed);
        assertEquals("viewer sent *** and got 200", failed.getMessage());
        Throwable broken = StepExecutor.maskedThrowable(new TollgateException(ErrorCode.CHECK_BROKEN,
                "login answered {\"access_token\":\"at-writer-2\"}"));
        assertEquals(ErrorCode.CHECK_BROKEN, ((TollgateException) broken).code());
        assertEquals("login answered {\"access_token\":\"***\"}", broken.getMessage());
        IllegalStateException clean = new IllegalStateException("nothing secret");
        assertSame(clean, StepExecutor.maskedThrowable(clean));
    }

    @Test
    void theConsoleAndTheLogFilesAreMasked() throws Exception {
        Secrets.remember("writer-test-token-3");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TollgateEngineDescriptor.console(new PrintStream(out, true, StandardCharsets.UTF_8)).report("logged in with writer-test-token-3");
        assertEquals("logged in with ***", out.toString(StandardCharsets.UTF_8).replaceFirst("^\\[tollgate +[0-9.]+s\\] ", "").strip());

        Path log = Files.writeString(dir.resolve("svc-1.1.0.log"), "auth ok writer-test-token-3\nplain line\n");
        Path clean = Files.writeString(dir.resolve("postgres.log"), "ready\n");
        assertEquals(1, MaskedLogs.mask(dir));
        assertEquals("auth ok ***\nplain line\n", Files.readString(log));
        assertEquals("ready\n", Files.readString(clean));
    }
}
