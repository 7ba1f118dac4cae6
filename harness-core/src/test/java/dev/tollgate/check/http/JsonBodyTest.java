package dev.tollgate.check.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

class JsonBodyTest {

    @Test
    void readsGPaths() {
        JsonBody body = JsonBody.parse("{\"items\":[{\"name\":\"a\",\"score\":0.1},{\"name\":\"b\",\"score\":2}]}");
        assertEquals("a", body.read("items[0].name"));
        assertEquals(List.of("a", "b"), body.read("items.name"));
        assertEquals(2, (Integer) body.read("items.size()"));
        assertEquals(new BigDecimal("0.1"), body.read("items[0].score"));
        assertEquals(2, (Integer) body.read("items.find { it.name == 'b' }.score"));
        assertNull(body.read("missing"));
    }

    @Test
    void readsTheWholeBodyAsDollar() {
        assertEquals(List.of(1, 2), JsonBody.parse("[1,2]").read("$"));
    }

    @Test
    void saysWhyABodyIsNotJson() {
        assertEquals("the body is empty", JsonBody.parse("").problem().orElseThrow());
        assertTrue(JsonBody.parse("<html>").problem().orElseThrow().startsWith("the body is not JSON"));
    }
}
