package dev.tollgate.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scanner the no-secrets test relies on finds a planted secret, naming file and line, and nothing else. */
class SecretScanTest {

    @TempDir
    Path dir;

    @Test
    void findsAPlantedSecretNamingTheFileAndTheLine() throws Exception {
        Files.createDirectories(dir.resolve("allure-results"));
        Path attachment = Files.writeString(dir.resolve("allure-results/abc-attachment.txt"),
                "GET /api/v1/missions\nAuthorization: Bearer tg-planted-admin-token\nX-Request-Id: 1\n");
        Path log = Files.writeString(dir.resolve("service.log"), "DATABASE_PASSWORD=tgdb-planted-password\n");
        Files.write(dir.resolve("screenshot.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff});

        List<SecretScan.Finding> findings = new SecretScan().secret("admin token", "tg-planted-admin-token")
                .secret("database password", "tgdb-planted-password").scan(List.of(dir));

        assertEquals(List.of(new SecretScan.Finding(attachment, 2, "admin token"),
                new SecretScan.Finding(log, 1, "database password")), findings);
        assertEquals(attachment + ":2: admin token", findings.get(0).toString(), "names the secret, never shows its value");
    }

    @Test
    void findsNothingWhereTheSecretIsMasked() throws Exception {
        Files.writeString(dir.resolve("exchange.txt"), "Authorization: ***\nuser=postgres password=***\n");

        assertEquals(List.of(), new SecretScan().secret("admin token", "tg-planted-admin-token").scan(List.of(dir)));
    }

    @Test
    void refusesASecretTooShortToScanForWithoutFalseAlarms() {
        assertThrows(IllegalArgumentException.class, () -> new SecretScan().secret("database password", ""));
    }
}
