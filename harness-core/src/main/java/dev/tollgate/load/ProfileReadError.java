package dev.tollgate.load;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.Text;
import dev.tollgate.api.TollgateException;
import dev.tollgate.model.Suggestions;

/**
 * What Jackson could not read in a profile, as {@code file:line:column: what was found; what would
 * be valid}: a YAML syntax error, an unknown key (with the nearest valid one), a value of the wrong
 * shape.
 */
final class ProfileReadError {

    private ProfileReadError() {
    }

    /** The error Jackson raised reading {@code text} (the content of {@code file}), as a load error with its position. */
    static TollgateException invalid(Path file, String text, JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        String where = location == null ? file.toString()
                : file + ":" + location.getLineNr() + ":" + location.getColumnNr();
        String what;
        StreamReadException syntax = syntaxError(e);
        if (syntax != null) {
            JsonLocation at = syntax.getLocation();
            where = at == null ? where : file + ":" + at.getLineNr() + ":" + at.getColumnNr();
            what = "not valid YAML: " + Text.firstLine(syntax.getOriginalMessage());
        } else if (e instanceof UnrecognizedPropertyException unknown) {
            // Jackson reports where it stopped reading (after the value); point at the key itself.
            where = keyPosition(file, text, unknown.getPropertyName(), location).orElse(where);
            Collection<String> valid = unknown.getKnownPropertyIds().stream().map(String::valueOf)
                    .filter(name -> !name.equals("source")).sorted().toList();
            what = "unknown key '" + unknown.getPropertyName() + "'"
                    + Suggestions.nearest(unknown.getPropertyName(), valid).map(s -> "; did you mean '" + s + "'?").orElse("")
                    + " Valid keys here: " + String.join(", ", valid) + ".";
        } else if (e instanceof JsonMappingException mapping) {
            String path = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining()).replaceFirst("^\\.", "");
            Throwable root = rootCause(e);
            String reason = root != e && root.getMessage() != null ? root.getMessage() : e.getOriginalMessage();
            what = (path.isEmpty() ? "" : "'" + path + "': ") + Text.firstLine(reason);
        } else {
            what = "not valid YAML: " + Text.firstLine(e.getOriginalMessage());
        }
        return new TollgateException(ErrorCode.LOAD_PROFILE_INVALID, where + ": " + what, e);
    }

    private static StreamReadException syntaxError(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof StreamReadException read) {
                return read;
            }
        }
        return null;
    }

    /** The line and column of the last {@code key:} at or before where the parser stopped. */
    private static Optional<String> keyPosition(Path file, String text, String key, JsonLocation stoppedAt) {
        String[] lines = text.split("\n", -1);
        int last = stoppedAt == null ? lines.length : Math.min(lines.length, stoppedAt.getLineNr());
        Pattern keyLine = Pattern.compile("^(\\s*(?:-\\s+)?)" + Pattern.quote(key) + "\\s*:");
        for (int i = last - 1; i >= 0; i--) {
            Matcher matcher = keyLine.matcher(lines[i]);
            if (matcher.find()) {
                return Optional.of(file + ":" + (i + 1) + ":" + (matcher.group(1).length() + 1));
            }
        }
        return Optional.empty();
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
