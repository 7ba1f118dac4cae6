package dev.tollgate.sample;

/**
 * Validated fields of a create or update request. Null name or status means "not given"; notes and
 * priority carry a flag because null is a value they may be set to.
 */
record MissionInput(String name, String status, String notes, boolean notesGiven, Integer priority,
                    boolean priorityGiven) {

    boolean isEmpty() {
        return name == null && status == null && !notesGiven && !priorityGiven;
    }
}
