package dev.tollgate.runtime;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import dev.tollgate.system.DatabaseEndpoint;

/**
 * What a PostgreSQL server shares between its databases, or keeps outside the service's own ones,
 * as sorted lines: roles (with their attributes and a digest of their password), memberships,
 * per-role and per-database settings, tablespaces, the system databases' attributes, replication
 * slots, prepared transactions, subscriptions, {@code ALTER SYSTEM} settings; and in the
 * {@code postgres} and {@code template1} databases, every object a user made (relations, schemas,
 * functions, types, extensions, event triggers, publications, default privileges, large objects).
 * Two equal states mean that a release, once its own databases are dropped, left nothing on the
 * server another suite could see ({@link SpareServers}).
 */
final class ClusterState {

    static final List<String> SYSTEM_DATABASES = List.of("postgres", "template0", "template1");

    private static final String SHARED = String.join(" union all ",
            "select 'role ' || rolname || ' ' || rolsuper || rolinherit || rolcreaterole || rolcreatedb || rolcanlogin"
                    + " || rolreplication || rolbypassrls || ' ' || rolconnlimit || ' ' || coalesce(rolvaliduntil::text, '-')"
                    + " || ' ' || coalesce(md5(rolpassword), '-') from pg_authid",
            "select 'membership ' || roleid::regrole || ' ' || member::regrole || ' ' || admin_option from pg_auth_members",
            "select 'setting ' || setdatabase || ' ' || setrole || ' ' || array_to_string(setconfig, ',') from pg_db_role_setting",
            "select 'database ' || datname || ' ' || datallowconn || datistemplate || ' ' || datconnlimit || ' '"
                    + " || coalesce(datacl::text, '-') from pg_database where datname in ('postgres', 'template0', 'template1')",
            "select 'tablespace ' || spcname || ' ' || coalesce(spcacl::text, '-') from pg_tablespace",
            "select 'replication slot ' || slot_name from pg_replication_slots",
            "select 'prepared transaction ' || gid from pg_prepared_xacts",
            "select 'subscription ' || subname from pg_subscription",
            "select 'system setting ' || name || '=' || coalesce(setting, '') from pg_file_settings"
                    + " where sourcefile like '%postgresql.auto.conf'");

    // 16384 is FirstNormalObjectId: everything below it came with initdb.
    private static final String OWN_OBJECTS = String.join(" union all ",
            "select 'relation ' || oid::regclass from pg_class where oid >= 16384",
            "select 'schema ' || nspname || ' ' || coalesce(nspacl::text, '-') from pg_namespace",
            "select 'function ' || oid::regprocedure from pg_proc where oid >= 16384",
            "select 'type ' || oid::regtype from pg_type where oid >= 16384",
            "select 'extension ' || extname || ' ' || extversion from pg_extension",
            "select 'event trigger ' || evtname from pg_event_trigger",
            "select 'publication ' || pubname from pg_publication",
            "select 'default privileges ' || defaclrole || ' ' || defaclacl::text from pg_default_acl",
            "select 'large objects ' || count(*) from pg_largeobject_metadata");

    private ClusterState() {
    }

    /** The server's state as {@code own} (a superuser) reads it. */
    static List<String> of(DatabaseEndpoint own) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection connection = own.withName("postgres").connect()) {
            read(connection, SHARED, "", lines);
            read(connection, OWN_OBJECTS, "postgres ", lines);
        }
        try (Connection connection = own.withName("template1").connect()) {
            read(connection, OWN_OBJECTS, "template1 ", lines);
        }
        lines.sort(null);
        return List.copyOf(lines);
    }

    private static void read(Connection connection, String sql, String prefix, List<String> lines) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                lines.add(prefix + rows.getString(1));
            }
        }
    }
}
