package dev.tollgate.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Processes left running on a run's files with nobody tracking them: found by their command line. */
final class Stragglers {

    private Stragglers() {
    }

    /** Ends (SIGTERM, then SIGKILL after {@code patience}) every process whose command line names {@code directory}. */
    static void endProcessesUsing(Path directory, Duration patience) {
        String marker = directory.toAbsolutePath().toString();
        long self = ProcessHandle.current().pid();
        List<ProcessHandle> found = ProcessHandle.allProcesses()
                .filter(process -> process.pid() != self)
                .filter(process -> process.info().commandLine().map(line -> line.contains(marker)).orElse(false))
                .toList();
        found.forEach(ProcessHandle::destroy);
        for (ProcessHandle process : found) {
            try {
                if (!ProcessExits.await(process, patience)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
