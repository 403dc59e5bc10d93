-- Optimistic concurrency for everything the admin API and console edit: each row carries a version that every
-- update advances (JPA @Version), so a write based on an older read is refused instead of silently overwriting
-- someone else's change. The API answers it as the ETag; console forms carry it in a hidden field.
-- Service targets live in service_targets but count as part of their service: changing them advances the
-- version of the services row. PostgreSQL only. Never edit this file once applied; add a later version instead.
ALTER TABLE services  ADD COLUMN version bigint NOT NULL DEFAULT 0;
ALTER TABLE routes    ADD COLUMN version bigint NOT NULL DEFAULT 0;
ALTER TABLE consumers ADD COLUMN version bigint NOT NULL DEFAULT 0;
ALTER TABLE api_keys  ADD COLUMN version bigint NOT NULL DEFAULT 0;
ALTER TABLE plans     ADD COLUMN version bigint NOT NULL DEFAULT 0;
ALTER TABLE policies  ADD COLUMN version bigint NOT NULL DEFAULT 0;
