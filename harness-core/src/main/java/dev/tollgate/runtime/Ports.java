package dev.tollgate.runtime;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;

/** Loopback ports: a free one when the profile says 0, and a clear refusal when a fixed one is taken. */
final class Ports {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    // Suites run side by side: a free port is only free until its owner binds it, so a port this JVM
    // handed out is not handed out again while another is available.
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
    private static final int ATTEMPTS = 20;

    private Ports() {
    }

    /**
     * @param configured the profile's port, 0 for any free port
     * @param what       who wants the port, for the message ("PostgreSQL", "release 1.1.0")
     * @param fix        how to choose another port
     */
    static int claim(int configured, String what, String fix) {
        if (configured == 0) {
            int port = 0;
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
                    port = socket.getLocalPort();
                } catch (IOException e) {
                    throw new TollgateException(ErrorCode.RUNTIME_IO, "No free loopback port for " + what + ": " + e, e);
                }
                if (HANDED_OUT.add(port)) {
                    break;
                }
            }
            return port;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(LOOPBACK, configured));
            return configured;
        } catch (IOException e) {
            throw new TollgateException(ErrorCode.RUNTIME_PORT_IN_USE, "Port " + configured + " on "
                    + LOOPBACK.getHostAddress() + " is already in use, so " + what + " cannot listen on it. "
                    + "Stop whatever holds it, or " + fix);
        }
    }
}
