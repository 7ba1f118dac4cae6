package dev.tollgate.check.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.tollgate.db.ColumnFingerprints;

class ShapeMappingTest {

    private static final List<String> BEFORE = List.of("id", "name", "notes", "status");

    @Test
    void sameColumnsAreUnchanged() {
        ShapeMapping shape = ShapeMapping.of("missions", BEFORE, BEFORE, Map.of());

        assertTrue(shape.unchanged());
        assertEquals("", shape.describeChanges());
    }

    @Test
    void aDeclaredRenameMapsTheOldColumnOntoTheNewOneOnlyWhereItHappened() {
        ShapeMapping renamed = ShapeMapping.of("missions", BEFORE, List.of("id", "notes", "priority", "status", "title"),
                Map.of("name", "title"));
        ShapeMapping notRenamed = ShapeMapping.of("missions", BEFORE, List.of("id", "name", "notes", "priority", "status"),
                Map.of("name", "title"));

        assertEquals(Map.of("id", "id", "name", "title", "notes", "notes", "status", "status"), renamed.common());
        assertEquals(List.of("priority"), renamed.added());
        assertFalse(renamed.unchanged());
        assertEquals(" (renamed name -> title; added priority)", renamed.describeChanges());
        assertEquals(List.of(), renamed.notes());
        assertEquals("name", notRenamed.common().get("name"));
        assertEquals(List.of("declared rename missions.name -> title did not happen (name is still there)"), notRenamed.notes());
    }

    @Test
    void theKeyFollowsRenamesAndIsLostWithADroppedColumn() {
        ShapeMapping shape = ShapeMapping.of("missions", BEFORE, List.of("mission_id", "name", "status"), Map.of("id", "mission_id"));

        assertEquals(Optional.of(List.of("mission_id")), shape.key(List.of("id")));
        assertEquals(Optional.empty(), shape.key(List.of("id", "notes")));
        assertEquals(List.of("notes"), shape.dropped());
    }

    @Test
    void changedColumnsAreThoseWhoseFingerprintDiffersUnderTheirNewName() {
        ShapeMapping shape = ShapeMapping.of("missions", List.of("id", "name", "status"), List.of("id", "status", "title"),
                Map.of("name", "title"));
        ColumnFingerprints.Table before = new ColumnFingerprints.Table("missions", List.of("id"), 2, Map.of(
                "id", new ColumnFingerprints.Column(2, "10"), "name", new ColumnFingerprints.Column(2, "20"),
                "status", new ColumnFingerprints.Column(2, "30")));
        ColumnFingerprints.Table after = new ColumnFingerprints.Table("missions", List.of("id"), 2, Map.of(
                "id", new ColumnFingerprints.Column(2, "10"), "title", new ColumnFingerprints.Column(2, "20"),
                "status", new ColumnFingerprints.Column(1, "31")));

        assertEquals(List.of("status"), shape.changed(before, after));
        assertEquals("60", ShapeMapping.combined(before, List.of("id", "name", "status")));
    }
}
