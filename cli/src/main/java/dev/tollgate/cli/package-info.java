/**
 * The command line: {@code java -jar tollgate.jar run | validate | list | doctor}. It runs the same
 * JUnit Platform engine through the Launcher, and writes the same release-readiness files through the
 * reports module, as {@code mvn verify -P…} does; only the way options arrive differs.
 */
package dev.tollgate.cli;
