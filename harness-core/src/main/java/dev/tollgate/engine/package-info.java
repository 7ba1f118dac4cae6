/**
 * The JUnit Platform engine for YAML suites: discovery (selector resolvers, discovery issues),
 * descriptors with stable unique ids and file positions, and step execution. Internal: use it
 * through the JUnit Platform with engine id {@code tollgate}.
 */
package dev.tollgate.engine;
