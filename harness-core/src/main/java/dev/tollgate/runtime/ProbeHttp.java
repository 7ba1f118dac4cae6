package dev.tollgate.runtime;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.impl.NoConnectionReuseStrategy;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;
import org.apiguardian.api.API;

import dev.tollgate.system.ServiceConnections;

/**
 * The runtimes' own GET: is the service up yet, does it still answer during an upgrade. Apache's
 * classic HttpClient, the checks' client too: blocking sockets and no thread of its own. The JDK's
 * HttpClient, used here before, keeps a selector thread per client in native code until the client
 * is collected, and a JVM's exit waits up to 0.3 s for threads in native code to stop: every run
 * ended that much later (seen with strace: the VM thread polling every 10 ms after the last hook).
 */
@API(status = INTERNAL, since = "0.2")
public final class ProbeHttp {

    private static final CloseableHttpClient CLIENT = HttpClients.custom()
            .setConnectionManager(ServiceConnections.pool(64, 256))
            // A probe's connection is not kept: a service restarted between probes leaves none stale.
            .setConnectionReuseStrategy(NoConnectionReuseStrategy.INSTANCE)
            .disableAutomaticRetries()
            .disableCookieManagement()
            .disableRedirectHandling()
            .build();

    private ProbeHttp() {
    }

    /** What came back: the status and the body as text. */
    public record Answer(int status, String body) {
    }

    /**
     * Sends a GET and reads the whole answer.
     *
     * @param connectTimeout how long to wait for the connection
     * @param timeout        how long to wait for the answer once connected
     * @throws IOException when nothing answers: refused, timed out, the connection broke
     */
    public static Answer get(URI uri, Map<String, String> headers, Duration connectTimeout, Duration timeout)
            throws IOException {
        HttpGet get = new HttpGet(uri);
        int answerMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        get.setConfig(RequestConfig.custom().setConnectTimeout((int) connectTimeout.toMillis())
                .setSocketTimeout(answerMillis).setConnectionRequestTimeout(answerMillis).build());
        headers.forEach(get::addHeader);
        try (CloseableHttpResponse response = CLIENT.execute(get)) {
            String body = response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
            return new Answer(response.getStatusLine().getStatusCode(), body);
        }
    }
}
