package dev.tollgate.load;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * What the loaders build the first time a JVM loads a profile and a suite, built ahead: the
 * profile's deserializers (Jackson introspects each of its records) and the compiled suite schema.
 * Each costs more than the file it reads, and a command's start has a core to spare while it parses
 * its arguments; what is built is kept for the JVM, so the later load only reads.
 */
@API(status = INTERNAL, since = "0.2")
public final class FirstUse {

    private FirstUse() {
    }

    /**
     * Builds it now, in the caller's thread. A load that needs the schema meanwhile waits for it (class
     * initialisation); one that needs a deserializer Jackson is still building waits on Jackson's cache.
     */
    public static void prepare() {
        ProfileLoader.prepareReader();
        SchemaValidator.prepare();
    }
}
