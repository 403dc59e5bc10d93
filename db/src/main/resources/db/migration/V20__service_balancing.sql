-- How nodes spread a service's calls over its targets (contract: ServiceSpec.balancing). Existing services keep
-- round robin, which is what nodes did before this column existed.
ALTER TABLE services
    ADD COLUMN balancing_algorithm    text NOT NULL DEFAULT 'round_robin'
        CHECK (balancing_algorithm IN ('round_robin', 'least_requests', 'consistent_hash')),
    ADD COLUMN balancing_hash_on      text
        CHECK (balancing_hash_on IN ('header', 'cookie', 'consumer', 'client_address')),
    ADD COLUMN balancing_hash_key     text CHECK (length(balancing_hash_key) <= 128),
    ADD COLUMN balancing_bounded_load double precision,
    ADD CONSTRAINT services_balancing_hash CHECK (
        (balancing_algorithm = 'consistent_hash') = (balancing_hash_on IS NOT NULL)
        AND (balancing_algorithm = 'consistent_hash') = (balancing_bounded_load IS NOT NULL));
