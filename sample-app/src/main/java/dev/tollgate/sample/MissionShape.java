package dev.tollgate.sample;

/**
 * The missions columns a release's code reads and writes. It names them explicitly, never
 * {@code select *}, so old code on a newer schema fails loudly where a column it needs is gone.
 */
record MissionShape(boolean title, boolean notes, boolean priority) {

    static MissionShape of(Release release) {
        return new MissionShape(release.has(Trait.TITLE), !release.has(Trait.WITHOUT_NOTES),
                release.has(Trait.PRIORITY_AND_TAGS));
    }

    /** Column and JSON field of the mission's name: "name" until 2.0.0 renamed it. */
    String nameField() {
        return title ? "title" : "name";
    }

    String selectList() {
        return "id, " + nameField() + ", owner, status"
                + (notes ? ", notes" : "")
                + (priority ? ", priority" : "")
                + ", created_at, updated_at";
    }
}
