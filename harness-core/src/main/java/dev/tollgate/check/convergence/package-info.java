/** The {@code convergence} check type: an upgraded schema compared with a clean install of the same release. */
package dev.tollgate.check.convergence;
