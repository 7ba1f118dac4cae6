package dev.tollgate.sample;

/** An authenticated caller. The token that proved it is deliberately not part of it. */
record Subject(String name, Role role) {
}
