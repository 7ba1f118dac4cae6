package dev.tollgate.runtime;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Collection;

import org.apiguardian.api.API;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;

/** The error of a restore that names a backup this run did not take: the same words on every runtime. */
@API(status = INTERNAL, since = "0.2")
public final class UnknownBackup {

    private UnknownBackup() {
    }

    /** Names the backup asked for, the ones taken, and the fix. */
    public static TollgateException named(String name, Collection<String> taken) {
        return new TollgateException(ErrorCode.RUNTIME_UNKNOWN_BACKUP, "No backup named '" + name
                + "' was taken in this run. Backups taken: " + (taken.isEmpty() ? "none" : String.join(", ", taken))
                + ". Add a backup step before the restore.");
    }
}
