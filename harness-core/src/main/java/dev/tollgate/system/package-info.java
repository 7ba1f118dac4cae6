/**
 * The system under test as a check sees it: the running release ({@link dev.tollgate.system.RunningService}),
 * its database ({@link dev.tollgate.system.DatabaseEndpoint}), the upgrades it went through and how long the
 * harness waited on it. Runtimes make these; checks and the database readers use them, without knowing how
 * the release was deployed.
 */
package dev.tollgate.system;
