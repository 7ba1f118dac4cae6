package dev.tollgate.load;

import dev.tollgate.model.SourcePosition;

/** A name used somewhere in a suite (a variable, a snapshot, a backup) and where it was written. */
record Reference(String name, SourcePosition position) {
}
