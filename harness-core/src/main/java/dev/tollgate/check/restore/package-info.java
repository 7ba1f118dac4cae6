/** The {@code restore} check type: a restored database compared with the snapshot taken before the upgrade. */
package dev.tollgate.check.restore;
