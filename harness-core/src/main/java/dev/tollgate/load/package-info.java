/**
 * YAML to model: the profile and suite loaders, variables, and the positioned problems they report
 * ({@code file:line:column: what was found; what would be valid}) before anything starts.
 */
package dev.tollgate.load;
