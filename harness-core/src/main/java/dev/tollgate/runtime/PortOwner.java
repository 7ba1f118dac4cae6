package dev.tollgate.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Who listens on a loopback port, told from Linux's {@code /proc}: the listening socket's inode in
 * {@code /proc/net/tcp} and {@code tcp6}, found among the {@code /proc/PID/fd} links of the process
 * Tollgate started and its children. An answer from anything else is not the release's: another
 * process took the port between Tollgate choosing it and the release binding it.
 */
final class PortOwner {

    /** What {@code /proc} says about the port. */
    sealed interface Ownership {
    }

    /** The started process or one of its children listens. */
    record Owned() implements Ownership {
    }

    /** Another process listens; {@code pid} 0 when it cannot be seen (another user's, without permission). */
    record Other(long pid, String command) implements Ownership {
    }

    /** Cannot be told here (not Linux, another network namespace such as a container's): said once. */
    record Unknown(String why) implements Ownership {
    }

    private static final Path PROC = Path.of("/proc");
    private static final String LISTEN = "0A";
    private static final List<String> PROXIES = List.of("docker-proxy", "rootlesskit", "slirp4netns", "pasta", "conmon");

    private PortOwner() {
    }

    static Ownership of(int port, ProcessHandle started) {
        if (!Files.isReadable(PROC.resolve("net/tcp"))) {
            return new Unknown("this system has no /proc/net/tcp (not Linux)");
        }
        Optional<String> inode = listeningInode(port);
        if (inode.isEmpty()) {
            return new Unknown("no listening socket for port " + port + " in this network namespace's /proc/net/tcp");
        }
        String link = "socket:[" + inode.get() + "]";
        if (Stream.concat(Stream.of(started), started.descendants()).anyMatch(process -> holds(process.pid(), link))) {
            return new Owned();
        }
        Optional<Long> owner = owner(link);
        if (owner.isPresent() && PROXIES.stream().anyMatch(proxy -> command(owner.get()).contains(proxy))) {
            // A command that runs the service in a container publishes its port through a proxy of the engine's.
            return new Unknown("port " + port + " is published by a container engine's proxy (" + command(owner.get()) + ")");
        }
        return owner.<Ownership>map(pid -> new Other(pid, command(pid))).orElseGet(() -> new Other(0, "(not visible to this user)"));
    }

    /** The inode of the socket listening on {@code port}, on any address, IPv4 or IPv6. */
    static Optional<String> listeningInode(int port) {
        for (String table : List.of("net/tcp", "net/tcp6")) {
            try {
                for (String line : Files.readAllLines(PROC.resolve(table), StandardCharsets.US_ASCII)) {
                    String[] fields = line.strip().split("\\s+");
                    if (fields.length < 10 || !fields[3].equals(LISTEN)) {
                        continue;
                    }
                    String local = fields[1];
                    int colon = local.lastIndexOf(':');
                    if (colon > 0 && Integer.parseInt(local.substring(colon + 1), 16) == port && !fields[9].equals("0")) {
                        return Optional.of(fields[9]);
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // tcp6 is missing where IPv6 is off; a line we cannot read is not a listener we can name
            }
        }
        return Optional.empty();
    }

    private static boolean holds(long pid, String link) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(PROC.resolve(Long.toString(pid)).resolve("fd"))) {
            for (Path fd : fds) {
                if (link.equals(readLink(fd))) {
                    return true;
                }
            }
        } catch (IOException | SecurityException e) {
            return false;
        }
        return false;
    }

    private static Optional<Long> owner(String link) {
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path process : processes) {
                long pid = Long.parseLong(process.getFileName().toString());
                if (holds(pid, link)) {
                    return Optional.of(pid);
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static String readLink(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return "";
        }
    }

    /** The process's command line, as {@code ps} shows it. */
    static String command(long pid) {
        try {
            String cmdline = new String(Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("cmdline")),
                    StandardCharsets.UTF_8).replace('\0', ' ').strip();
            return cmdline.length() > 300 ? cmdline.substring(0, 300) + "…" : cmdline;
        } catch (IOException e) {
            return ProcessHandle.of(pid).flatMap(handle -> handle.info().commandLine()).orElse("(command unknown)");
        }
    }
}
