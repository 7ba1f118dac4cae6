package dev.tollgate.gate;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;
import dev.tollgate.model.Area;

/**
 * Reading of the gate's YAML files (waivers, rules): strict about keys, and every problem reported
 * as {@code file:line:column: what was found; what would be valid}.
 */
final class GateYaml {

    static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .registerModule(new JavaTimeModule())
            .registerModule(new SimpleModule("tollgate-areas")
                    .addDeserializer(Area.class, new ByKey<>(Area::forKey, key -> "unknown area '" + key + "'; valid areas: "
                            + Area.keys()))
                    .addDeserializer(VersionNotChecked.class, new ByKey<>(VersionNotChecked::forKey,
                            key -> "versionNotChecked: '" + key + "' is not one of " + VersionNotChecked.keys())));

    private GateYaml() {
    }

    /**
     * Reads the mapping the parser is at, key by key, so an unknown key is reported where it is
     * written (Jackson's own error points past its value).
     */
    static Map<String, Object> readMapping(JsonParser parser, Path file, ErrorCode code, Map<String, JavaType> keys)
            throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw error(code, file, parser.currentTokenLocation(),
                    "expected a mapping of " + String.join(", ", keys.keySet()));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JavaType type = keys.get(key);
            if (type == null) {
                throw error(code, file, parser.currentTokenLocation(), "unknown key '" + key + "'; valid keys: "
                        + String.join(", ", new TreeSet<>(keys.keySet())));
            }
            parser.nextToken();
            values.put(key, MAPPER.readValue(parser, type));
        }
        return values;
    }

    static JavaType type(Class<?> type) {
        return MAPPER.getTypeFactory().constructType(type);
    }

    static TollgateException error(ErrorCode code, Path file, JsonLocation location, String message) {
        String where = location == null || location.getLineNr() < 1 ? file.toString()
                : file + ":" + location.getLineNr() + ":" + location.getColumnNr();
        return new TollgateException(code, where + ": " + message);
    }

    static TollgateException error(ErrorCode code, Path file, IOException e) {
        if (e instanceof JsonProcessingException parse) {
            return error(code, file, parse.getLocation(), explain(parse));
        }
        return new TollgateException(code, "Cannot read " + file + ": " + e.getMessage(), e);
    }

    private static String explain(JsonProcessingException e) {
        if (e instanceof InvalidFormatException format && format.getTargetType() == LocalDate.class) {
            return "'" + format.getValue() + "' is not a date; write it as YYYY-MM-DD";
        }
        return e.getOriginalMessage();
    }

    /**
     * A value by its key ({@code health-version}, {@code no-go}); an unknown one is reported where it is
     * written, naming every valid key.
     */
    private static final class ByKey<T> extends JsonDeserializer<T> {
        private final java.util.function.Function<String, java.util.Optional<T>> forKey;
        private final java.util.function.UnaryOperator<String> unknown;

        ByKey(java.util.function.Function<String, java.util.Optional<T>> forKey, java.util.function.UnaryOperator<String> unknown) {
            this.forKey = forKey;
            this.unknown = unknown;
        }

        @Override
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String key = parser.getValueAsString();
            return forKey.apply(key).orElseThrow(() -> JsonMappingException.from(parser, unknown.apply(key)));
        }
    }
}
