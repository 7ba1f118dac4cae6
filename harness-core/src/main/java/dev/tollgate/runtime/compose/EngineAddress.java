package dev.tollgate.runtime.compose;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;

/**
 * Where the Docker engine runs as seen from this machine, read from the address it is reached at
 * ({@code DOCKER_HOST}): at which host a port it publishes is reached, and whether it sees this
 * machine's files.
 *
 * <ul>
 * <li>{@code unix://} (and {@code npipe://}): the engine is here. Published ports are reached on
 * loopback and bind mounts read this machine's files, as before.</li>
 * <li>{@code tcp://HOST:PORT}: the engine is on HOST. A port published on all interfaces is reached
 * at HOST, and Tollgate asks the compose file to publish on all interfaces
 * ({@link #PUBLISH_ADDRESS_VARIABLE}) unless HOST is a loopback address (an engine on this machine,
 * or a tunnel to one). Whatever HOST is, the engine is not assumed to see this machine's files:
 * a tunnel or a second engine on loopback may have a file system of its own, so files the
 * project bind-mounts from the profile are handed over through the Docker API
 * ({@link ProfileFiles}).</li>
 * </ul>
 */
record EngineAddress(String scheme, String host) {

    /**
     * The variable a compose file may put in front of its published ports,
     * {@code "${TOLLGATE_PUBLISH_ADDRESS:-127.0.0.1}::5432"}: Tollgate sets it to {@code 127.0.0.1}
     * for an engine on this machine and to {@code 0.0.0.0} for one on another host, whose loopback
     * this machine cannot reach.
     */
    static final String PUBLISH_ADDRESS_VARIABLE = "TOLLGATE_PUBLISH_ADDRESS";

    private static final String LOOPBACK = "127.0.0.1";

    /** From the engine's address as docker-java reports it ({@code unix:///var/run/docker.sock}, {@code tcp://10.0.0.5:2375}). */
    static EngineAddress of(String dockerHost) {
        URI uri = URI.create(dockerHost);
        String scheme = uri.getScheme() == null ? "unix" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost();
        if ((scheme.equals("tcp") || scheme.equals("http") || scheme.equals("https")) && host.isEmpty()) {
            throw new TollgateException(ErrorCode.RUNTIME_DOCKER_UNAVAILABLE, "DOCKER_HOST " + dockerHost
                    + " names no host. Write it as tcp://HOST:PORT, e.g. tcp://10.0.0.5:2375.");
        }
        return new EngineAddress(scheme, host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
    }

    /** Whether the engine runs on this machine's own socket (and so reads this machine's files). */
    boolean local() {
        return scheme.equals("unix") || scheme.equals("npipe");
    }

    /** Whether the engine's loopback is this machine's loopback: a local socket, or a TCP address on loopback. */
    boolean onLoopback() {
        return local() || isLoopback(host);
    }

    /** The value of {@link #PUBLISH_ADDRESS_VARIABLE} for this engine. */
    String publishAddress() {
        return onLoopback() ? LOOPBACK : "0.0.0.0";
    }

    /**
     * Where this machine reaches a port the engine published on {@code bindingIp}, or empty when it
     * cannot: a port published on the loopback of an engine on another host.
     */
    Optional<String> reach(String bindingIp) {
        boolean unspecified = bindingIp == null || bindingIp.isEmpty() || bindingIp.equals("0.0.0.0") || bindingIp.equals("::");
        if (unspecified) {
            return Optional.of(onLoopback() ? LOOPBACK : bracketed(host));
        }
        if (isLoopback(bindingIp)) {
            return onLoopback() ? Optional.of(bracketed(bindingIp)) : Optional.empty();
        }
        return Optional.of(bracketed(bindingIp));
    }

    /** Where the engine is, for messages: {@code the Docker engine at tcp://10.0.0.5:2375}. */
    String describe() {
        return local() ? "the local Docker engine" : "the Docker engine on " + host;
    }

    private static boolean isLoopback(String address) {
        String bare = address.startsWith("[") ? address.substring(1, address.length() - 1) : address;
        return bare.startsWith("127.") || bare.equals("::1") || bare.equalsIgnoreCase("localhost");
    }

    private static String bracketed(String address) {
        return address.contains(":") && !address.startsWith("[") ? "[" + address + "]" : address;
    }
}
