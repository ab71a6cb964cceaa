-- Running OJL totals per (work process, status), kept by triggers in the same
-- transaction as every change to ojl_entry.
--
-- Progress reads these few rows instead of summing the whole log, so the dashboard
-- costs the same with ten entries or a hundred thousand (DESIGN §7: < 10 ms).
-- Triggers, rather than application code, keep the totals right whichever code
-- path writes an entry (the app, the CLI, the demo seeder, later sync).

CREATE TABLE ojl_total (
    work_process  TEXT    NOT NULL,
    status        TEXT    NOT NULL,
    minutes       INTEGER NOT NULL CHECK (minutes >= 0),
    PRIMARY KEY (work_process, status)
) STRICT, WITHOUT ROWID;

INSERT INTO ojl_total (work_process, status, minutes)
SELECT work_process, status, SUM(minutes) FROM ojl_entry
WHERE deleted_at IS NULL GROUP BY work_process, status;

CREATE TRIGGER ojl_total_insert AFTER INSERT ON ojl_entry
WHEN NEW.deleted_at IS NULL
BEGIN
    INSERT INTO ojl_total (work_process, status, minutes) VALUES (NEW.work_process, NEW.status, NEW.minutes)
    ON CONFLICT (work_process, status) DO UPDATE SET minutes = minutes + excluded.minutes;
END;

CREATE TRIGGER ojl_total_update_remove AFTER UPDATE ON ojl_entry
WHEN OLD.deleted_at IS NULL
BEGIN
    UPDATE ojl_total SET minutes = minutes - OLD.minutes
    WHERE work_process = OLD.work_process AND status = OLD.status;
END;

CREATE TRIGGER ojl_total_update_add AFTER UPDATE ON ojl_entry
WHEN NEW.deleted_at IS NULL
BEGIN
    INSERT INTO ojl_total (work_process, status, minutes) VALUES (NEW.work_process, NEW.status, NEW.minutes)
    ON CONFLICT (work_process, status) DO UPDATE SET minutes = minutes + excluded.minutes;
END;

CREATE TRIGGER ojl_total_delete AFTER DELETE ON ojl_entry
WHEN OLD.deleted_at IS NULL
BEGIN
    UPDATE ojl_total SET minutes = minutes - OLD.minutes
    WHERE work_process = OLD.work_process AND status = OLD.status;
END;
