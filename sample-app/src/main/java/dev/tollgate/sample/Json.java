package dev.tollgate.sample;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The one shared, thread-safe mapper. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }
}
