package dev.tollgate.check.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class StatusExpectationTest {

    @Test
    void defaultsToAnySuccess() {
        StatusExpectation success = StatusExpectation.parse(null);
        assertTrue(success.accepts(204));
        assertFalse(success.accepts(301));
        assertEquals("2xx", success.toString());
    }

    @Test
    void readsCodesListsAndClasses() {
        assertTrue(StatusExpectation.parse(201).accepts(201));
        assertFalse(StatusExpectation.parse("201").accepts(200));
        StatusExpectation mixed = StatusExpectation.parse(List.of(200, "4XX"));
        assertTrue(mixed.accepts(404));
        assertFalse(mixed.accepts(500));
        assertEquals("one of 200, 4xx", mixed.toString());
    }

    @Test
    void rejectsWhatIsNotAStatus() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StatusExpectation.parse("ok"))
                .getMessage().contains("'ok' is not an HTTP status"));
        assertThrows(IllegalArgumentException.class, () -> StatusExpectation.parse(List.of()));
    }
}
