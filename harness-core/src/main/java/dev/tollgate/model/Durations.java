package dev.tollgate.model;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apiguardian.api.API;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;

/** Reads durations as people write them in YAML: {@code 500ms}, {@code 30s}, {@code 2m}, or ISO {@code PT30S}. */
@API(status = INTERNAL, since = "0.1")
public final class Durations extends StdScalarDeserializer<Duration> {

    private static final long serialVersionUID = 1L;
    private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    public Durations() {
        super(Duration.class);
    }

    public static Duration parse(String text) {
        String trimmed = text.trim();
        Matcher matcher = SIMPLE.matcher(trimmed);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        }
        try {
            return Duration.parse(trimmed);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; write it like 500ms, 30s, 2m or PT30S");
        }
    }

    @Override
    public Duration deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        try {
            return parse(parser.getValueAsString(parser.getText()));
        } catch (IllegalArgumentException e) {
            return (Duration) context.handleWeirdStringValue(Duration.class, parser.getText(), e.getMessage());
        }
    }
}
