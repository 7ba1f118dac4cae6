package dev.tollgate.sample;

/**
 * What a release's code does differently. The first three describe the schema the code expects;
 * the rest are the deliberate defects of the bad candidates, one each.
 */
enum Trait {
    /** Reads and writes missions.priority and serves /missions/{id}/tags (1.1.0 and later). */
    PRIORITY_AND_TAGS,
    /** Uses missions.title where earlier code used missions.name (2.0.0). */
    TITLE,
    /** Never touches missions.notes, so a schema without it still works for this code. */
    WITHOUT_NOTES,
    /** Defect: a viewer may delete missions. */
    VIEWER_MAY_DELETE,
    /** Defect: the liveness endpoint reports DOWN. */
    HEALTH_DOWN,
    /** Defect: the version endpoint reports a stale constant instead of the release id. */
    STALE_VERSION,
    /** Defect: opening the file store (SAMPLE_DATA_DIR) drops its oldest message file. */
    STORE_COMPACTION_LOSES_FILES,
    /** Defect: the SSH interface makes a new host key on start instead of keeping the one it had. */
    HOST_KEY_REGENERATED,
    /** Defect: the SSH interface refuses every login. */
    SSH_LOGIN_REFUSED,
    /**
     * A failed start ends as a framework's does (Spring Boot's "Application run failed"): the whole
     * exception chain, so the log's last line is a stack frame, not the cause.
     */
    FRAMEWORK_STARTUP_FAILURE,
    /**
     * Not a defect: a distribution whose release id carries a suffix ({@code 1.1.0-open}) and whose
     * code reports the version without it ({@code 1.1.0}), as many vendors' builds do.
     */
    REPORTS_BASE_VERSION
}
