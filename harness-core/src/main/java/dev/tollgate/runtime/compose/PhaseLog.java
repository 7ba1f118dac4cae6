package dev.tollgate.runtime.compose;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The log of one phase: the output of every container of the release, line by line, each line
 * prefixed with its service when more than one writes here, in the order the lines arrive.
 */
final class PhaseLog implements AutoCloseable {

    private final Path file;
    private final OutputStream out;
    private final List<AutoCloseable> followers = new ArrayList<>();

    PhaseLog(Path file) {
        this.file = file;
        try {
            this.out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the log " + file, e);
        }
    }

    Path file() {
        return file;
    }

    /** Copies the container's output here, each line prefixed with {@code prefix} (empty for none). */
    synchronized void follow(DockerEngine docker, String container, String prefix) {
        followers.add(docker.followLogs(container, new LineSink(prefix)));
    }

    /** A line of Tollgate's own, for the reader of the log. */
    synchronized void note(String line) {
        write(("[tollgate] " + line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private synchronized void write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            // closed: the run is ending and nothing reads this any more
        }
    }

    /** The last lines, for failure messages. */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log not readable: " + e.getMessage() + ")";
        }
    }

    @Override
    public synchronized void close() {
        for (AutoCloseable follower : followers) {
            try {
                follower.close();
            } catch (Exception e) {
                // the container is gone already
            }
        }
        followers.clear();
        try {
            out.close();
        } catch (IOException e) {
            // nothing left to write
        }
    }

    /** Splits the stream into lines so lines of different containers never interleave mid-line. */
    private final class LineSink extends OutputStream {
        private final byte[] prefix;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineSink(String prefix) {
            this.prefix = prefix.isEmpty() ? new byte[0] : (prefix + " | ").getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void write(int b) {
            line.write(b);
            if (b == '\n') {
                emit();
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                write(bytes[i]);
            }
        }

        @Override
        public void flush() {
            // only whole lines are written, by emit()
        }

        private void emit() {
            if (line.size() == 0) {
                return;
            }
            byte[] content = line.toByteArray();
            line.reset();
            byte[] whole = new byte[prefix.length + content.length];
            System.arraycopy(prefix, 0, whole, 0, prefix.length);
            System.arraycopy(content, 0, whole, prefix.length, content.length);
            PhaseLog.this.write(whole);
        }
    }
}
