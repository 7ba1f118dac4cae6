/** The {@code drift} check: a live schema against a recorded clean-install schema. */
package dev.tollgate.check.drift;
