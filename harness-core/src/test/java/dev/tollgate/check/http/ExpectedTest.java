package dev.tollgate.check.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ExpectedTest {

    @Test
    void comparesNumbersByValueAndScalarsByText() {
        assertTrue(Expected.matches(3.5, new BigDecimal("3.50")));
        assertTrue(Expected.matches("42", 42));
        assertTrue(Expected.matches(6, "6"));
        assertTrue(Expected.matches(true, Boolean.TRUE));
        assertFalse(Expected.matches("4", 42));
        assertFalse(Expected.matches("x", null));
        assertTrue(Expected.matches(null, null));
    }

    @Test
    void comparesListsAndMapsWhole() {
        assertTrue(Expected.matches(List.of("a", 1), List.of("a", 1)));
        assertFalse(Expected.matches(List.of("a"), List.of("a", "b")));
        assertTrue(Expected.matches(Map.of("id", 1), Map.of("id", 1)));
        assertFalse(Expected.matches(Map.of("id", 1), Map.of("id", 1, "name", "x")));
    }

    @Test
    void operators() {
        assertTrue(Expected.matches(Map.of("matches", "^\\d+$"), 12));
        assertFalse(Expected.matches(Map.of("matches", "x"), null));
        assertTrue(Expected.matches(Map.of("exists", true), "v"));
        assertTrue(Expected.matches(Map.of("exists", false), null));
        assertTrue(Expected.matches(Map.of("contains", "b"), List.of("a", "b")));
        assertTrue(Expected.matches(Map.of("contains", "id"), Map.of("id", 1)));
        assertTrue(Expected.matches(Map.of("contains", "ell"), "hello"));
        assertFalse(Expected.matches(Map.of("contains", "z"), List.of("a")));
    }

    @Test
    void describesWhatItExpected() {
        assertEquals("\"x\"", Expected.describe("x"));
        assertEquals("matching /^a/", Expected.describe(Map.of("matches", "^a")));
        assertEquals("absent", Expected.describe(Map.of("exists", false)));
        assertEquals("containing 3", Expected.describe(Map.of("contains", 3)));
        assertEquals("absent (or null)", Expected.render(null));
        assertEquals("3.5", Expected.text(new BigDecimal("3.50")));
        assertEquals("100", Expected.text(new BigDecimal("1E+2")));
    }
}
