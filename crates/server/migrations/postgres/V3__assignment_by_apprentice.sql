-- An apprentice's pull looks up the mentors assigned to them (for their keys); the
-- primary key leads with the mentor, so that lookup needs its own index.
CREATE INDEX mentor_assignment_apprentice ON mentor_assignment (apprentice_id, mentor_id);
