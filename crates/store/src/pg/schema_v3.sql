-- Schema version 3 of the sitrep store in PostgreSQL: the change feed and the outlet filter.

-- Every creation or change of a fused event, numbered by the commit clock in commit order. A
-- reader remembers the last number it saw and asks for the entries above it.
CREATE TABLE event_changes (
    seq      bigint PRIMARY KEY,
    event_id bigint NOT NULL REFERENCES events(id),
    created  boolean NOT NULL
);
CREATE INDEX event_changes_event ON event_changes (event_id);

-- The events stored before the feed existed, each as created at its latest change.
INSERT INTO event_changes (seq, event_id, created)
    SELECT change_seq, id, true FROM events WHERE change_seq IS NOT NULL
    ON CONFLICT DO NOTHING;

-- Filter helper: the sources' outlets (lower-cased by the program), rewritten with their event.
CREATE TABLE event_outlets (
    event_id   bigint NOT NULL REFERENCES events(id),
    outlet_key text NOT NULL,
    PRIMARY KEY (event_id, outlet_key)
);
CREATE INDEX event_outlets_outlet ON event_outlets (outlet_key);

INSERT INTO event_outlets (event_id, outlet_key)
    SELECT DISTINCT e.id, lower(s->>'outlet')
    FROM events e, jsonb_array_elements(e.data->'sources') s
    WHERE s->>'outlet' IS NOT NULL
    ON CONFLICT DO NOTHING;

CREATE INDEX events_attacker ON events (lower(attacker), date_start);
