package dev.tollgate.system;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.apache.http.HttpHost;
import org.apache.http.config.Registry;
import org.apache.http.config.RegistryBuilder;
import org.apache.http.conn.socket.ConnectionSocketFactory;
import org.apache.http.conn.socket.LayeredConnectionSocketFactory;
import org.apache.http.conn.socket.PlainConnectionSocketFactory;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.apache.http.protocol.HttpContext;
import org.apiguardian.api.API;

/**
 * The connection pool both of Tollgate's HTTP clients use, the runtimes' probe and the checks'
 * transport: plain HTTP, and TLS with the JDK's trust store and Apache's hostname verification, as
 * {@code HttpClients.custom()} sets up by itself. The one difference is when: Apache's builder makes
 * its TLS socket factory with the client, which loads the JDK's TLS provider and parses the public
 * suffix list (a tenth of a second of CPU per run, under the client compiler), although most
 * rehearsals reach their service over plain HTTP. Here the TLS factory is made at the first
 * {@code https} connection, the same one as before.
 */
@API(status = INTERNAL, since = "0.2")
public final class ServiceConnections {

    private ServiceConnections() {
    }

    /** A pool with these limits, over plain HTTP and (made when first needed) TLS. */
    public static PoolingHttpClientConnectionManager pool(int perRoute, int total) {
        return pool(perRoute, total, new TlsWhenNeeded());
    }

    static PoolingHttpClientConnectionManager pool(int perRoute, int total, TlsWhenNeeded tls) {
        Registry<ConnectionSocketFactory> factories = RegistryBuilder.<ConnectionSocketFactory>create()
                .register("http", PlainConnectionSocketFactory.getSocketFactory())
                .register("https", tls)
                .build();
        PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager(factories);
        pool.setDefaultMaxPerRoute(perRoute);
        pool.setMaxTotal(total);
        return pool;
    }

    /** Apache's default TLS socket factory, made at the first TLS connection of the JVM. */
    static final class TlsWhenNeeded implements LayeredConnectionSocketFactory {

        private volatile boolean used;

        /** Initialised (and so the factory made) only when first touched: the JVM's lazy holder idiom. */
        private static final class Made {
            static final SSLConnectionSocketFactory FACTORY = SSLConnectionSocketFactory.getSocketFactory();
        }

        /** Whether a connection of this pool went over TLS. */
        boolean used() {
            return used;
        }

        @Override
        public Socket createSocket(HttpContext context) throws IOException {
            used = true;
            return Made.FACTORY.createSocket(context);
        }

        @Override
        public Socket connectSocket(int connectTimeout, Socket socket, HttpHost host, InetSocketAddress remoteAddress,
                InetSocketAddress localAddress, HttpContext context) throws IOException {
            return Made.FACTORY.connectSocket(connectTimeout, socket, host, remoteAddress, localAddress, context);
        }

        @Override
        public Socket createLayeredSocket(Socket socket, String target, int port, HttpContext context) throws IOException {
            return Made.FACTORY.createLayeredSocket(socket, target, port, context);
        }
    }
}
