-- Composite routes (issue 15): a route either forwards to its one service (service_id) or answers from several
-- upstream calls, its steps. Exactly one of the two is set; the composite's limits are plain columns, set together.
ALTER TABLE routes
    ALTER COLUMN service_id DROP NOT NULL,
    ADD COLUMN composite_deadline_ms            integer CHECK (composite_deadline_ms > 0),
    ADD COLUMN composite_max_step_response_bytes integer CHECK (composite_max_step_response_bytes > 0),
    ADD COLUMN composite_max_response_bytes     integer CHECK (composite_max_response_bytes > 0),
    ADD CONSTRAINT routes_composite_limits_check CHECK (
        (composite_deadline_ms IS NULL) = (composite_max_step_response_bytes IS NULL)
        AND (composite_deadline_ms IS NULL) = (composite_max_response_bytes IS NULL)),
    ADD CONSTRAINT routes_kind_check CHECK ((service_id IS NULL) <> (composite_deadline_ms IS NULL));

-- The steps of a composite route, in the order the admin listed them. A table of its own rather than a JSON
-- column on routes so that each step's service is a real foreign key: like a route's own service_id, a service
-- cannot be deleted while a step calls it (no cascade), whatever the admin's own checks do. The rest of a step
-- (method, templates, dependencies, fields) is the contract's step as JSON: nested maps and lists that nothing
-- queries, checked by the admin's validator before every write.
CREATE TABLE route_steps (
    route_id   uuid    NOT NULL REFERENCES routes (id) ON DELETE CASCADE,
    position   integer NOT NULL CHECK (position >= 0),
    name       text    NOT NULL,
    service_id uuid    NOT NULL REFERENCES services (id),
    step       jsonb   NOT NULL CHECK (jsonb_typeof(step) = 'object'),
    PRIMARY KEY (route_id, position),
    -- Deferred: replacing the steps rewrites rows by position, so two steps may swap names within a transaction.
    CONSTRAINT route_steps_name_key UNIQUE (route_id, name) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX route_steps_service_id_idx ON route_steps (service_id);
