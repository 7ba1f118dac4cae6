package dev.tollgate.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A server's log in parts, one per suite that held the server ({@link SpareServers}): a part is what
 * the log gained from an offset on. Evidence, so best effort: a part that cannot be copied is
 * missing from the suite's evidence, and the verdict never rests on it.
 */
final class ServerLogParts {

    private ServerLogParts() {
    }

    /** Where the next part starts: the log's length now. */
    static long size(Path log) {
        try {
            return Files.size(log);
        } catch (IOException e) {
            return 0;
        }
    }

    /** Starts {@code part} with a line of Tollgate's own, saying where the server came from. */
    static void note(Path part, String line) {
        try {
            Files.writeString(part, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the part goes without its first line
        }
    }

    /** Appends what {@code log} holds from {@code start} on to {@code part}. */
    static void copy(Path log, long start, Path part) {
        if (!Files.isRegularFile(log)) {
            return;
        }
        try (InputStream in = Files.newInputStream(log);
                OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            in.skipNBytes(Math.min(start, Files.size(log)));
            in.transferTo(out);
        } catch (IOException e) {
            // the suite's evidence lacks this part of the server's log
        }
    }
}
