package dev.tollgate.check.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class ExecCheckTest {

    @Test
    void showsTheCommandAsItWouldBeTyped() {
        assertEquals("java -jar app.jar doctor", ExecCheck.commandLine(List.of("java", "-jar", "app.jar", "doctor")));
        assertEquals("sh -c 'echo $HOME; exit 3' ''", ExecCheck.commandLine(List.of("sh", "-c", "echo $HOME; exit 3", "")));
        assertEquals("echo 'it'\\''s'", ExecCheck.commandLine(List.of("echo", "it's")));
    }
}
