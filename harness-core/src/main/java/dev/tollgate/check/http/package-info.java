/**
 * The {@code http} check type: one request to the running release, its status, headers and JSON
 * values checked, values captured for later steps; and {@link dev.tollgate.check.http.HttpExchange},
 * the masked request/answer evidence every HTTP-speaking check attaches.
 */
package dev.tollgate.check.http;
