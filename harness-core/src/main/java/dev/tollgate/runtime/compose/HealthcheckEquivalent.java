package dev.tollgate.runtime.compose;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A container health check that Tollgate can ask the same question as, from the host, as often as
 * it likes. Docker runs a health check once per {@code interval} (a second in the profiles here, and
 * Docker 20.10 has no faster first check), so a container counts as up up to a second after it is;
 * Tollgate's own question, asked every few dozen milliseconds, says it as soon as it is true. Only
 * a check that is one plain command is recognised, and only where Tollgate's question implies the
 * command would succeed too:
 *
 * <ul>
 *   <li>{@code curl} or {@code wget} of an {@code http} URL on the container's loopback: a GET of the
 *       same path on the port that URL names, answered with a status below 400 when the command
 *       fails on an error status ({@code curl -f}, {@code wget}), with any status otherwise;</li>
 *   <li>{@code pg_isready} (any host, user, database, quiet or timeout option): a connection to the
 *       service's database as its user, which a server that accepts connections gives.</li>
 * </ul>
 *
 * Anything else (a pipe, {@code &&}, a command substitution, a redirection, another program, an
 * option not listed) is the compose file's own notion of ready, which Docker alone judges. Written
 * by hand: no library reads a shell command line this narrowly.
 */
sealed interface HealthcheckEquivalent {

    /** A GET of {@code pathAndQuery} on the container's {@code port}; an error status fails it when {@code failOnError}. */
    record HttpGet(int port, String pathAndQuery, boolean failOnError) implements HealthcheckEquivalent {

        boolean accepts(int status) {
            return !failOnError || status < 400;
        }
    }

    /** A server that accepts connections on the container's PostgreSQL port. */
    record PgIsReady() implements HealthcheckEquivalent {
    }

    Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "0.0.0.0", "[::1]");
    Set<String> SHELL = Set.of("&", "|", ";", "<", ">", "`", "$(", "\n");
    Set<String> CURL_QUIET = Set.of("-s", "-S", "-sS", "-Ss", "--silent", "--show-error");
    Set<String> CURL_FAIL = Set.of("-f", "--fail", "-fs", "-sf", "-fsS", "-fSs", "-sfS", "-sSf", "-Ssf", "-Sfs");
    Set<String> WGET_QUIET = Set.of("-q", "--quiet", "--spider", "-nv", "--no-verbose");

    /**
     * What a health check's {@code test} (as Docker keeps it: {@code CMD-SHELL} and a command line,
     * or {@code CMD} and its arguments) is the same question as, if it is one Tollgate can ask.
     */
    static Optional<HealthcheckEquivalent> of(List<String> test) {
        if (test == null || test.size() < 2) {
            return Optional.empty();
        }
        List<String> words;
        if (test.get(0).equals("CMD-SHELL")) {
            if (test.size() != 2 || SHELL.stream().anyMatch(test.get(1)::contains)) {
                return Optional.empty();
            }
            Optional<List<String>> split = split(test.get(1));
            if (split.isEmpty()) {
                return Optional.empty();
            }
            words = split.get();
        } else if (test.get(0).equals("CMD")) {
            words = test.subList(1, test.size());
        } else {
            return Optional.empty();
        }
        if (words.isEmpty()) {
            return Optional.empty();
        }
        String program = words.get(0).substring(words.get(0).lastIndexOf('/') + 1);
        List<String> arguments = words.subList(1, words.size());
        return switch (program) {
            case "pg_isready" -> pgIsReady(arguments);
            case "curl" -> curl(arguments);
            case "wget" -> wget(arguments);
            default -> Optional.empty();
        };
    }

    private static Optional<HealthcheckEquivalent> pgIsReady(List<String> arguments) {
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (Set.of("-h", "-U", "-d", "-t", "--host", "--username", "--dbname", "--timeout").contains(argument)) {
                i++;  // its value
            } else if (Set.of("-p", "--port").contains(argument)) {
                if (i + 1 >= arguments.size() || !arguments.get(i + 1).equals("5432")) {
                    return Optional.empty();  // another port than the one Tollgate reaches
                }
                i++;
            } else if (!argument.equals("-q") && !argument.equals("--quiet")) {
                return Optional.empty();
            }
        }
        return Optional.of(new PgIsReady());
    }

    private static Optional<HealthcheckEquivalent> curl(List<String> arguments) {
        boolean fail = false;
        String url = null;
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (CURL_FAIL.contains(argument)) {
                fail = true;
            } else if (argument.equals("-o") || argument.equals("--output")) {
                if (i + 1 >= arguments.size() || !arguments.get(i + 1).equals("/dev/null")) {
                    return Optional.empty();
                }
                i++;
            } else if (!CURL_QUIET.contains(argument)) {
                if (argument.startsWith("-") || url != null) {
                    return Optional.empty();
                }
                url = argument;
            }
        }
        return http(url, fail);
    }

    private static Optional<HealthcheckEquivalent> wget(List<String> arguments) {
        String url = null;
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (argument.equals("-O") || argument.equals("--output-document")) {
                if (i + 1 >= arguments.size() || !Set.of("-", "/dev/null").contains(arguments.get(i + 1))) {
                    return Optional.empty();
                }
                i++;
            } else if (!WGET_QUIET.contains(argument) && !argument.equals("-O-") && !argument.equals("-qO-")) {
                if (argument.startsWith("-") || url != null) {
                    return Optional.empty();
                }
                url = argument;
            }
        }
        return http(url, true);
    }

    private static Optional<HealthcheckEquivalent> http(String url, boolean failOnError) {
        if (url == null) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null || !LOOPBACK.contains(uri.getHost())
                || uri.getUserInfo() != null || uri.getFragment() != null) {
            return Optional.empty();
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return Optional.of(new HttpGet(uri.getPort() < 0 ? 80 : uri.getPort(),
                path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()), failOnError));
    }

    /** Words of a command line with single and double quotes; empty when it holds anything else a shell would expand. */
    private static Optional<List<String>> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else if (c == '\\' || c == '*' || c == '?' || c == '~') {
                return Optional.empty();
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (quote != 0) {
            return Optional.empty();
        }
        if (word != null) {
            words.add(word.toString());
        }
        return Optional.of(words);
    }
}
