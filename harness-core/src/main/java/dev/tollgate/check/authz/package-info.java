/**
 * The {@code authz} check: authorization matrices of subject × request → allow or deny, run in
 * parallel against the running release, with side-effect, audit, explain and coverage proofs.
 */
package dev.tollgate.check.authz;
