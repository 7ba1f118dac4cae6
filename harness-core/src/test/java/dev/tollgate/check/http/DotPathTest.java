package dev.tollgate.check.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The one dot-path reader of login tokens, fixture ids, explain fields and version fields. */
class DotPathTest {

    private static final String BODY = """
            { "data": { "token": "t-1", "expires": 300, "gone": null },
              "items": [ { "id": "m-7" }, { "id": "m-8" } ] }""";

    @Test
    void namesStepIntoObjectsAndNumbersIntoArrays() {
        assertEquals(Optional.of("t-1"), DotPath.text(BODY, "data.token"));
        assertEquals(Optional.of("300"), DotPath.text(BODY, "data.expires"));
        assertEquals(Optional.of("m-8"), DotPath.text(BODY, "items.1.id"));
        assertEquals(Optional.of("{\"id\":\"m-7\"}"), DotPath.text(BODY, "items.0"), "an object reads as its JSON");
    }

    @Test
    void aMissingOrNullValueOrATextThatIsNoJsonIsEmpty() {
        assertEquals(Optional.empty(), DotPath.text(BODY, "data.gone"));
        assertEquals(Optional.empty(), DotPath.text(BODY, "data.nothing.deeper"));
        assertEquals(Optional.empty(), DotPath.text(BODY, "items.2.id"));
        assertEquals(Optional.empty(), DotPath.text("<html>login</html>", "data.token"));
        assertEquals(Optional.empty(), DotPath.text("", "data.token"));
        assertEquals(Optional.empty(), DotPath.text((String) null, "data.token"));
    }
}
