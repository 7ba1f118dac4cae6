/**
 * The {@code exec} check type: a command run in the service's environment, its exit code and output
 * checked. How a command runs is a {@link dev.tollgate.check.exec.CommandRunner} per runtime.
 */
package dev.tollgate.check.exec;
