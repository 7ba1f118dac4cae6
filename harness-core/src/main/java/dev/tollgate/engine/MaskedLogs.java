package dev.tollgate.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import dev.tollgate.check.Secrets;

/**
 * The log files a run leaves in its evidence directory (the service's output, the database's), with
 * every credential the run learnt masked. Services write them through a redirect Tollgate cannot
 * filter as it goes, so they are masked once the run's services have stopped, before anyone keeps them.
 */
final class MaskedLogs {

    private MaskedLogs() {
    }

    /** Rewrites each {@code *.log} under {@code directory} whose text carries a secret; never fails the run. */
    static int mask(Path directory) {
        if (directory == null || !Files.isDirectory(directory)) {
            return 0;
        }
        List<Path> logs;
        try (Stream<Path> files = Files.walk(directory)) {
            logs = files.filter(file -> file.getFileName().toString().endsWith(".log") && Files.isRegularFile(file)).toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
        int rewritten = 0;
        Secrets known = Secrets.known();
        for (Path log : logs) {
            try {
                String text = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
                String masked = known.mask(text);
                if (!masked.equals(text)) {
                    Files.writeString(log, masked, StandardCharsets.UTF_8);
                    rewritten++;
                }
            } catch (IOException e) {
                // a log that cannot be read cannot show a secret either
            }
        }
        return rewritten;
    }
}
