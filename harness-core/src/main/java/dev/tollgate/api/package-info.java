/**
 * What users and extensions may rely on: configuration keys ({@link dev.tollgate.api.Constants}),
 * the exception root and its error codes. Depends on nothing else in Tollgate.
 */
package dev.tollgate.api;
