package dev.tollgate.sample;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/** Starts servers in-process on port 0, each on its own fresh database, and stops them after each test. */
abstract class ServerTestSupport extends PostgresTestSupport {

    private final List<SampleServer> servers = new ArrayList<>();

    /** A server of this release on a fresh, migrated database. */
    Http start(String release) throws SQLException {
        return start(env(release, newDatabase()));
    }

    Http start(Map<String, String> env) {
        return new Http(startServer(env).port());
    }

    SampleServer startServer(Map<String, String> env) {
        SampleServer server = SampleServer.start(Settings.fromEnvironment(env, null));
        servers.add(server);
        return server;
    }

    @AfterEach
    void stopServers() {
        servers.forEach(SampleServer::close);
        servers.clear();
    }
}
