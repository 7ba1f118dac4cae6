package dev.tollgate.sample;

/** An authorization outcome with the reason a person can read. */
record Decision(boolean allowed, String reason) {

    String label() {
        return allowed ? "allow" : "deny";
    }
}
