/**
 * The {@code metrics} check type: a Prometheus text exposition scraped from the running release,
 * one metric's matching series judged against a bound or against a value captured earlier.
 */
package dev.tollgate.check.metrics;
