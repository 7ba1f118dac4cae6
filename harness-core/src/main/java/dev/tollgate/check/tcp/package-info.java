/**
 * The {@code tcp} check type: a connection to a port of the service, its banner read and an
 * optional exchange of one line, for protocols that are not HTTP (SSH, SMTP, a database).
 */
package dev.tollgate.check.tcp;
