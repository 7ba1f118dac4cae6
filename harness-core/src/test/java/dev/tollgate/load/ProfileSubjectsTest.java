package dev.tollgate.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tollgate.api.TollgateException;
import dev.tollgate.model.Profile;
import dev.tollgate.model.SubjectTokens;
import dev.tollgate.model.Variables;

/** A profile's subjects: tokens from variables, files or generated per run, logins, anonymous; and its authz settings. */
class ProfileSubjectsTest {

    @TempDir
    Path dir;

    private static final String PROFILE = """
            name: mine
            service:
              command: [java, -jar, app.jar]
              env:
                SUBJECTS: "alice:admin:${subjects.admin.token},vera:viewer:${subjects.viewer.token}"
            subjects:
              admin: { token: "${ADMIN_TOKEN}", generate: true }
              viewer: { tokenFile: viewer.token, name: vera }
              member: { login: { path: /login, username: mo, password: "${env.MO_PASSWORD}" } }
              anonymous: { anonymous: true }
            authz:
              deny: [403]
              routes: [GET /things, "DELETE /things/{id}"]
              requireFullCoverage: true
            """;

    @Test
    void aGeneratedTokenIsRandomPerLoadUnlessItsVariableIsSet() throws IOException {
        Path file = write(PROFILE);
        Files.writeString(dir.resolve("viewer.token"), "viewer-secret\n");
        ProfileLoader loader = new ProfileLoader(Variables.of(Map.of()));
        Profile first = loader.load(file);
        Profile second = loader.load(file);

        String token = SubjectTokens.of("admin", first.subjects().get("admin"), first, Variables.of(Map.of())).orElseThrow();
        assertTrue(token.startsWith("tg-") && token.length() > 30, token);
        assertNotEquals(token, SubjectTokens.of("admin", second.subjects().get("admin"), second, Variables.of(Map.of())).orElseThrow());
        assertEquals(Map.of("subjects.admin.token", token, "subjects.viewer.token", "viewer-secret"),
                SubjectTokens.variables(first, Variables.of(Map.of())));
        assertFalse(first.toString().contains(token), "a profile never prints a token: " + first);

        Profile set = new ProfileLoader(Variables.of(Map.of("ADMIN_TOKEN", "from-env"))).load(file);
        assertEquals("from-env", SubjectTokens.of("admin", set.subjects().get("admin"), set,
                Variables.of(Map.of("ADMIN_TOKEN", "from-env"))).orElseThrow());
        assertTrue(set.subjects().get("anonymous").isAnonymous());
        assertEquals("/login", set.subjects().get("member").login().path());
        assertEquals(List.of(403), set.authz().deny());
        assertTrue(set.authz().requireFullCoverage());
    }

    @Test
    void theServiceMayUseTheSubjectsTokensButNoOtherUndefinedVariable() throws IOException {
        Path file = write(PROFILE.replace("${subjects.viewer.token}", "${subjects.member.token}"));
        TollgateException e = assertThrows(TollgateException.class, () -> new ProfileLoader(Variables.of(Map.of())).load(file));
        assertTrue(e.getMessage().startsWith(file + ":5:"), e.getMessage());
        assertTrue(e.getMessage().contains("undefined variable ${subjects.member.token}"), e.getMessage());
    }

    @Test
    void aSubjectWithTwoWaysToAuthenticateIsRefusedWithItsLine() throws IOException {
        Path file = write("""
                name: mine
                service: { command: [java] }
                subjects:
                  admin: { token: abc, anonymous: true }
                """);
        TollgateException e = assertThrows(TollgateException.class, () -> new ProfileLoader(Variables.of(Map.of())).load(file));
        assertTrue(e.getMessage().startsWith(file + ":4:"), e.getMessage());
        assertTrue(e.getMessage().contains("a subject takes one of token, tokenFile, login, oauth2, basic,"
                + " anonymous; found token and anonymous"),
                e.getMessage());
        assertFalse(e.getMessage().contains("abc"), e.getMessage());
    }

    @Test
    void aMissingTokenFileNamesTheSubjectAndTheFile() throws IOException {
        Path file = write(PROFILE);
        Profile profile = new ProfileLoader(Variables.of(Map.of())).load(file);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SubjectTokens.of("viewer", profile.subjects().get("viewer"), profile, Variables.of(Map.of())));
        assertTrue(e.getMessage().contains("cannot read the token file of subject 'viewer' (" + dir.resolve("viewer.token")),
                e.getMessage());
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("profile.yaml"), yaml);
    }
}
