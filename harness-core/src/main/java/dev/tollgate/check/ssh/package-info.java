/**
 * The {@code ssh} check type: a real SSH login (password or key) through Apache MINA SSHD's client,
 * the server's host key pinned to the one recorded before an upgrade, and a shell exchange.
 */
package dev.tollgate.check.ssh;
