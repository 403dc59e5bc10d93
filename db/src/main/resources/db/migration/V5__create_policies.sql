-- Traffic policies attached to a scope, and the rate limits and quotas plans carry themselves. The typed
-- configuration is the contract's PolicyConfig JSON (jsonb), validated by the admin before every write; the
-- scope's target is a real foreign key, so a policy can never point at something that no longer exists.
-- Deleting a service, route, consumer or plan that a policy is attached to is refused by the admin (409 in_use,
-- naming the policies); the foreign keys (no cascade) are the backstop.
CREATE TABLE policies (
    id          uuid        PRIMARY KEY,
    name        text        NOT NULL,
    enabled     boolean     NOT NULL DEFAULT true,
    scope       text        NOT NULL
                CHECK (scope IN ('global', 'plan', 'consumer', 'service', 'route', 'route-consumer')),
    type        text        NOT NULL,
    service_id  uuid        REFERENCES services (id),
    route_id    uuid        REFERENCES routes (id),
    consumer_id uuid        REFERENCES consumers (id),
    plan_id     uuid        REFERENCES plans (id),
    config      jsonb       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT policies_name_key UNIQUE (name),
    CONSTRAINT policies_type_check CHECK (config ->> 'type' = type),
    CONSTRAINT policies_target_check CHECK (
        (service_id IS NOT NULL) = (scope = 'service')
        AND (route_id IS NOT NULL) = (scope IN ('route', 'route-consumer'))
        AND (consumer_id IS NOT NULL) = (scope IN ('consumer', 'route-consumer'))
        AND (plan_id IS NOT NULL) = (scope = 'plan'))
);
CREATE INDEX policies_service_id_idx ON policies (service_id);
CREATE INDEX policies_route_id_idx ON policies (route_id);
CREATE INDEX policies_consumer_id_idx ON policies (consumer_id);
CREATE INDEX policies_plan_id_idx ON policies (plan_id);
-- One enabled policy per type on one target; the admin checks first and names the other policy, this index
-- only catches races.
CREATE UNIQUE INDEX policies_one_enabled_per_target ON policies (type, scope,
    coalesce(service_id, route_id, consumer_id, plan_id, '00000000-0000-0000-0000-000000000000'),
    coalesce(CASE WHEN scope = 'route-consumer' THEN consumer_id END, '00000000-0000-0000-0000-000000000000'))
    WHERE enabled;

-- A plan's own limits: [{"requests": 10, "window": "second"}] and [{"calls": 1000, "period": "day", "by": "consumer"}].
ALTER TABLE plans
    ADD COLUMN rate_limits jsonb NOT NULL DEFAULT '[]',
    ADD COLUMN quotas      jsonb NOT NULL DEFAULT '[]';

ALTER TABLE config_changes DROP CONSTRAINT config_changes_kind_check;
ALTER TABLE config_changes ADD CONSTRAINT config_changes_kind_check
    CHECK (kind IN ('service', 'route', 'consumer', 'plan', 'key', 'settings', 'policy'));

-- Plans are published with their (empty) limits and quotas from now on: recompute the content hash.
UPDATE config_state SET rehash = true;
