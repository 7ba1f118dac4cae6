package dev.tollgate.profiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import dev.tollgate.api.Constants;

/**
 * Finds what a run left behind on this machine: processes that carry the run's id in their
 * environment (the services) or its directory on their command line (postgres).
 */
final class Leftovers {

    private Leftovers() {
    }

    static List<String> processesOf(String runId, Path runDirectory) {
        return processesOf(List.of(runId), runDirectory);
    }

    /** Processes carrying any of these run ids in their environment, or the directory on their command line. */
    static List<String> processesOf(java.util.Collection<String> runIds, Path directory) {
        List<String> markers = runIds.stream().map(runId -> Constants.RUN_ID_ENV + "=" + runId).toList();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> Long.parseLong(p.getFileName().toString()) != ProcessHandle.current().pid())
                    .filter(p -> markers.stream().anyMatch(read(p.resolve("environ"))::contains)
                            || read(p.resolve("cmdline")).contains(directory.toString()))
                    .map(p -> p.getFileName() + ": " + read(p.resolve("cmdline")).replace('\0', ' ').trim())
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException | SecurityException e) {
            return "";  // the process ended meanwhile, or is not ours to read
        }
    }
}
