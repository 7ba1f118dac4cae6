package dev.tollgate.check.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogLevelTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            2026-12-06T18:00:00.000Z [main] INFO Main - Started sample-app release=1.1.0          | INFO
            2026-12-06 18:00:00,000 WARN  [org.hibernate.engine.jdbc.spi.SqlExceptionHelper] (main) SQL Error: 0, SQLState: 00000 Error Code: 0 | WARN
            12:00:00.000 [http-nio-8080-exec-1] ERROR c.e.App - request failed                  | ERROR
            2026-12-06T18:00:00.000Z  ERROR 4242 --- [           main] o.s.boot.SpringApplication : failed | ERROR
            ERROR:root:cannot connect                                                           | ERROR
            WARNING:alembic.runtime:Error in something                                          | WARN
            2026-12-06 18:00:00,123 - app.db - ERROR - cannot connect                           | ERROR
            time=2026-12-06T18:00:00.000Z level=ERROR msg="migrate failed" err="ERROR: boom"    | ERROR
            time=2026-12-06T18:00:00.000Z level=INFO msg="ready" note="level=ERROR is text"      | INFO
            2026/12/06 18:00:00 WARN slow query                                                 | WARN
            {"level":50,"time":1700000000000,"msg":"boom"}                                      | ERROR
            {"level":30,"time":1700000000000,"msg":"ERROR is just a word here"}                 | INFO
            {"level":"error","message":"boom","timestamp":"2026-12-06"}                          | ERROR
            {"time":"2026-12-06T18:00:00Z","level":"WARN","msg":"Error Code: 0"}                | WARN
            error: boom                                                                         | ERROR
            18:00:00.123 [error] GenServer terminating                                          | ERROR
            18:00:00.123 [info] Running Web.Endpoint                                            | INFO
            E, [2026-12-06T18:00:00.000000 #4242] ERROR -- : boom                               | ERROR
            SEVERE: boom                                                                        | ERROR
            2026-12-06 18:00:00.000 UTC [4242] ERROR:  index "x" does not exist                 | ERROR
            Caused by: org.postgresql.util.PSQLException: ERROR: index "x" does not exist       | none
            "	at org.flywaydb.core.Flyway.migrate(Flyway.java:12)"                              | none
            Error Code: 0                                                                       | none
            "\"main\" #1 prio=5 os_prio=0 tid=0x1 nid=0x2 waiting on condition"                 | none
            Full thread dump OpenJDK 64-Bit Server VM (17.0.9+9 mixed mode):                    | none
            """)
    void readsTheLevelFromTheHeadOfTheLine(String line, String level) {
        assertEquals(Optional.ofNullable(level).map(LogLevel::valueOf), LogLevel.of(line), line);
    }
}
