/**
 * The {@code env} check type: the variables the service was started with are set, and secrets are
 * not placeholders. Values are judged, never shown.
 */
package dev.tollgate.check.env;
