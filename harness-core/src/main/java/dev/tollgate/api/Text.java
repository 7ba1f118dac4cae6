package dev.tollgate.api;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** What every layer does to a message it quotes, written once. */
@API(status = INTERNAL, since = "0.2")
public final class Text {

    private Text() {
    }

    /** The first line of {@code text}: what a one-line reason or summary quotes. Empty for {@code null}. */
    public static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
