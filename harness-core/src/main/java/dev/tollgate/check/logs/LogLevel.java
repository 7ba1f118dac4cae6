package dev.tollgate.check.logs;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The level a log line was written at, read from the common layouts: Logback/Log4j/JBoss (Spring
 * Boot, Quarkus, Keycloak: {@code 12:00:00.000 [main] ERROR c.x.Y - …}), slf4j-simple, Python
 * logging ({@code ERROR:root:…}, {@code … - name - ERROR - …}), Go's slog ({@code level=ERROR},
 * {@code "level":"ERROR"}), Node's pino ({@code "level":50}) and winston ({@code "level":"error"},
 * {@code error: …}), Elixir Logger ({@code [error]}), Rails ({@code E, [...] ERROR -- :}),
 * java.util.logging ({@code SEVERE:}) and PostgreSQL's own log.
 *
 * <p>Only the head of a line is read: the level word must come before any word of the message, so
 * {@code WARN … Error Code: 0} is a WARN line, and {@code Caused by: …PSQLException: ERROR: …} has
 * no level of its own (it continues the line above it).
 */
enum LogLevel {
    TRACE, DEBUG, INFO, WARN, ERROR, FATAL;

    private static final Map<String, LogLevel> NAMES = Map.ofEntries(
            Map.entry("TRACE", TRACE), Map.entry("FINEST", TRACE), Map.entry("FINER", TRACE),
            Map.entry("DEBUG", DEBUG), Map.entry("FINE", DEBUG), Map.entry("CONFIG", DEBUG),
            Map.entry("INFO", INFO), Map.entry("NOTICE", INFO),
            Map.entry("WARN", WARN), Map.entry("WARNING", WARN),
            Map.entry("ERROR", ERROR), Map.entry("ERR", ERROR), Map.entry("SEVERE", ERROR),
            Map.entry("FATAL", FATAL), Map.entry("CRITICAL", FATAL), Map.entry("CRIT", FATAL),
            Map.entry("PANIC", FATAL), Map.entry("ALERT", FATAL), Map.entry("EMERG", FATAL),
            Map.entry("EMERGENCY", FATAL));

    private static final Pattern JSON_LEVEL =
            Pattern.compile("\"(?:level|severity|lvl|log\\.level)\"\\s*:\\s*(?:\"([A-Za-z]+)\"|(\\d+))");
    private static final Pattern KEY_VALUE_LEVEL = Pattern.compile("(?:^|\\s)level=\"?([A-Za-z]+)\"?(?:\\s|$)");
    private static final Pattern PYTHON_DEFAULT = Pattern.compile("^([A-Z]+):\\S");
    private static final Pattern DASHED = Pattern.compile(" - ([A-Z]+) - ");
    private static final Pattern PUNCTUATION = Pattern.compile("^[\\[(<{|:,]+|[\\])>}|:,]+$");
    private static final int HEAD_TOKENS = 8;
    private static final int HEAD_CHARS = 160;

    boolean atLeast(LogLevel other) {
        return compareTo(other) >= 0;
    }

    /** The level named by a setting ({@code error}, {@code WARN}), if it names one. */
    static Optional<LogLevel> named(String name) {
        return Optional.ofNullable(NAMES.get(name.toUpperCase(Locale.ROOT)));
    }

    /** The level {@code line} was logged at, or empty when the line does not say (a continuation, plain output). */
    static Optional<LogLevel> of(String line) {
        String stripped = line.strip();
        if (stripped.startsWith("{")) {
            return json(stripped);
        }
        Optional<LogLevel> head = head(line);
        if (head.isPresent()) {
            return head;
        }
        Matcher python = PYTHON_DEFAULT.matcher(line);
        if (python.find() && NAMES.containsKey(python.group(1))) {
            return Optional.of(NAMES.get(python.group(1)));
        }
        Matcher keyValue = KEY_VALUE_LEVEL.matcher(line);
        if (keyValue.find() && keyValue.start() < HEAD_CHARS) {
            return named(keyValue.group(1));
        }
        Matcher dashed = DASHED.matcher(line);
        if (dashed.find() && dashed.start() < HEAD_CHARS && NAMES.containsKey(dashed.group(1))) {
            return Optional.of(NAMES.get(dashed.group(1)));
        }
        return Optional.empty();
    }

    private static Optional<LogLevel> json(String line) {
        Matcher matcher = JSON_LEVEL.matcher(line);
        if (!matcher.find()) {
            return Optional.empty();
        }
        if (matcher.group(1) != null) {
            return named(matcher.group(1));
        }
        int pino = Integer.parseInt(matcher.group(2));  // pino/bunyan: 10 trace … 60 fatal
        return Optional.of(pino >= 60 ? FATAL : pino >= 50 ? ERROR : pino >= 40 ? WARN : pino >= 30 ? INFO
                : pino >= 20 ? DEBUG : TRACE);
    }

    /**
     * The first level word among the line's leading tokens, read while they look like a header
     * (a timestamp, a thread or pid in brackets, a separator); the first word that looks like the
     * message ends the search.
     */
    private static Optional<LogLevel> head(String line) {
        if (line.isEmpty() || Character.isWhitespace(line.charAt(0))) {
            return Optional.empty();  // indented: a continuation (stack frame, thread dump, wrapped message)
        }
        String[] tokens = line.split("\\s+", HEAD_TOKENS + 1);
        for (int i = 0; i < Math.min(tokens.length, HEAD_TOKENS); i++) {
            String token = tokens[i];
            String core = PUNCTUATION.matcher(token).replaceAll("");
            if (NAMES.containsKey(core)) {
                return Optional.of(NAMES.get(core));
            }
            boolean bracketed = token.startsWith("[") && token.endsWith("]");
            boolean firstWithColon = i == 0 && token.endsWith(":");   // winston's "error: message"
            if ((bracketed || firstWithColon) && core.equals(core.toLowerCase(Locale.ROOT))
                    && NAMES.containsKey(core.toUpperCase(Locale.ROOT))) {
                return Optional.of(NAMES.get(core.toUpperCase(Locale.ROOT)));  // Elixir's "[error]"
            }
            if (!headerLike(token)) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static boolean headerLike(String token) {
        return token.chars().anyMatch(Character::isDigit)
                || token.startsWith("[") || token.startsWith("(") || token.startsWith("<") || token.startsWith("#")
                || token.matches("[A-Z],")                  // Rails: "E, [2024-…] ERROR -- :"
                || token.matches("UTC|GMT|[A-Z]{2,4}T")     // a time zone (PostgreSQL's "… UTC [42] ERROR:")
                || token.matches("[-|:>]+");                // separators: "-", "---", "|", ">"
    }
}
