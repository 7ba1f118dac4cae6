package dev.tollgate.check.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;

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
    void readsPlainPathsWithoutGroovyAsGPathReadsThem() {
        String body = "{\"i\":1,\"l\":12345678901,\"big\":123456789012345678901234,\"d\":0.10,\"e\":1e3,\"t\":true,"
                + "\"n\":null,\"s\":\"x\",\"o\":{\"k\":[1,{\"z\":[2,3]}],\"size\":7},\"a\":[{\"name\":\"p\"},{\"name\":null}],"
                + "\"m\":[[1,2],[3]],\"u\":\"é\\u00e9\"}";
        JsonBody json = JsonBody.parse(body);
        JsonPath gpath = JsonPath.from(body).using(JsonPathConfig.jsonPathConfig()
                .numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
        List<String> plain = List.of("i", "l", "big", "d", "e", "t", "n", "s", "o", "o.k", "o.k[1]", "o.k[1].z[1]",
                "o.k[5]", "o.size", "a", "a[0].name", "a[1].name", "a[9]", "m[0][1]", "m[1][4]", "u", "missing", "$", "o.missing");
        for (String path : plain) {
            Object read = json.plain(path);
            assertEquals(gpath.get(path), read, path);
            assertEquals(Expected.render(gpath.get(path)), Expected.render(read), path);
            if (read != null) {
                assertEquals(((Object) gpath.get(path)).getClass(), read.getClass(), path);
            }
        }
        // Not plain: spread over arrays, methods, negative indices, steps past a missing value, keywords.
        for (String path : List.of("a.name", "o.k.size()", "o.k[-1]", "missing.x", "n.x", "o.k[1].z.size()", "class",
                "a.find { it.name == 'p' }", "s.length()", "[0]")) {
            assertTrue(json.plain(path) == JsonBody.ASK_GPATH, path);
        }
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
