-- DEFECT: 1.0.0 still reads missions.notes, so rolling the code back after this breaks it.
alter table missions drop column notes;
