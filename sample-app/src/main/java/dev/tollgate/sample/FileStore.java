package dev.tollgate.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's files beside PostgreSQL ({@code SAMPLE_DATA_DIR}), standing in for an embedded store
 * such as the messaging service's: its KMS metadata, written once, and a file per message (a mission
 * written), never rewritten. Without a data directory the service keeps no files.
 */
final class FileStore {

    private static final Logger LOG = LoggerFactory.getLogger(FileStore.class);
    static final FileStore NONE = new FileStore(null);

    private final Path messages;

    private FileStore(Path messages) {
        this.messages = messages;
    }

    /**
     * Opens the store under {@code dataDir/store}, writing the KMS metadata if it is not there yet. The
     * release with the store-compaction defect drops the oldest message file as it opens the store.
     */
    static FileStore open(String dataDir, Release release) {
        if (dataDir == null) {
            return NONE;
        }
        Path store = Path.of(dataDir, "store");
        try {
            Path messages = Files.createDirectories(store.resolve("messages"));
            Path kms = store.resolve("kms.meta");
            if (!Files.exists(kms)) {
                Files.writeString(kms, "key-uri sample-kms://messaging/1\nkey-id 1\n");
            }
            if (release.has(Trait.STORE_COMPACTION_LOSES_FILES)) {
                try (Stream<Path> files = Files.list(messages)) {
                    List<Path> oldest = files.sorted().limit(1).toList();
                    for (Path file : oldest) {
                        Files.delete(file);
                        LOG.info("Compacted the store: dropped {}", file.getFileName());
                    }
                }
            }
            return new FileStore(messages);
        } catch (IOException e) {
            throw new StartupException(ExitCode.UNAVAILABLE, "Cannot open the file store in " + store + ": " + e.getMessage()
                    + ". Make SAMPLE_DATA_DIR a writable directory.");
        }
    }

    /** Records a mission as written: a new file each time, named so that files sort oldest first. */
    void written(Mission mission) {
        if (messages == null) {
            return;
        }
        String name = String.format("%020d-%d.msg", System.nanoTime(), mission.id());
        try {
            Files.writeString(messages.resolve(name), mission.id() + "\t" + mission.owner() + "\t" + mission.name() + "\t"
                    + (mission.notes() == null ? "" : mission.notes()) + "\n", StandardOpenOption.CREATE_NEW);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the file store " + messages, e);
        }
    }
}
