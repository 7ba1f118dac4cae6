/**
 * The check SPI ({@link dev.tollgate.check.CheckType}), its registry, results and evidence; one
 * sub-package per generic check type.
 */
package dev.tollgate.check;
