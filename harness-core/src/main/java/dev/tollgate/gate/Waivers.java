package dev.tollgate.gate;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apiguardian.api.API;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JavaType;

import dev.tollgate.api.Hints;
import dev.tollgate.api.Constants;
import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;
import dev.tollgate.model.Area;

/**
 * Reads a waivers file ({@code waivers.yaml}): a {@code waivers:} list of {@link Waiver}s. A file
 * that does not parse, an unknown key, or a waiver without owner, reason or expiry date stops the
 * gate with the file and line: a waiver nobody can trace must not decide a release.
 */
@API(status = INTERNAL, since = "0.1")
public final class Waivers {

    private static final Map<String, JavaType> KEYS = keys();

    private Waivers() {
    }

    public static List<Waiver> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new TollgateException(ErrorCode.LOAD_WAIVERS_INVALID, "Waivers file " + file.toAbsolutePath()
                    + " does not exist. Give an existing file with " + Hints.setting(Constants.WAIVERS, "FILE") + ", or leave it out.");
        }
        try (JsonParser parser = GateYaml.MAPPER.createParser(file.toFile())) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return List.of();  // an empty file waives nothing
            }
            if (first != JsonToken.START_OBJECT) {
                throw invalid(file, parser.currentTokenLocation(), "expected 'waivers:' followed by a list of waivers");
            }
            List<Waiver> waivers = new ArrayList<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                if (!"waivers".equals(parser.currentName())) {
                    throw invalid(file, parser.currentTokenLocation(), "unknown key '" + parser.currentName()
                            + "'; a waivers file has one key, 'waivers'");
                }
                JsonToken list = parser.nextToken();
                if (list == JsonToken.START_ARRAY) {
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        waivers.add(entry(file, parser));
                    }
                } else if (list != JsonToken.VALUE_NULL) {
                    throw invalid(file, parser.currentTokenLocation(), "'waivers' must be a list of waivers");
                }
            }
            return List.copyOf(waivers);
        } catch (IOException e) {
            throw GateYaml.error(ErrorCode.LOAD_WAIVERS_INVALID, file, e);
        }
    }

    private static Waiver entry(Path file, JsonParser parser) throws IOException {
        JsonLocation at = parser.currentTokenLocation();
        Map<String, Object> entry = GateYaml.readMapping(parser, file, ErrorCode.LOAD_WAIVERS_INVALID, KEYS);
        try {
            return new Waiver((Area) entry.get("area"), text(entry, "check"), text(entry, "suite"), text(entry, "step"),
                    text(entry, "table"), text(entry, "owner"), text(entry, "reason"), (LocalDate) entry.get("expires"));
        } catch (IllegalArgumentException e) {
            throw invalid(file, at, e.getMessage());
        }
    }

    private static String text(Map<String, Object> entry, String key) {
        return (String) entry.get(key);
    }

    private static Map<String, JavaType> keys() {
        Map<String, JavaType> keys = new LinkedHashMap<>();
        keys.put("area", GateYaml.type(Area.class));
        for (String key : List.of("check", "suite", "step", "table", "owner", "reason")) {
            keys.put(key, GateYaml.type(String.class));
        }
        keys.put("expires", GateYaml.type(LocalDate.class));
        return keys;
    }

    private static TollgateException invalid(Path file, JsonLocation location, String message) {
        return GateYaml.error(ErrorCode.LOAD_WAIVERS_INVALID, file, location, message);
    }
}
