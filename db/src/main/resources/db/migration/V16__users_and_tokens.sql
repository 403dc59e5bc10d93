-- Users, roles and API tokens (issue 14).
-- A service account is a user that holds API tokens but can never sign in to the console.
ALTER TABLE admin_users ADD COLUMN service_account boolean NOT NULL DEFAULT false;

-- Tokens made before this migration (GATEHOUSE_ADMIN_TOKEN, the generated bootstrap token) belong to this
-- service account; the colon keeps its name out of reach of names created through the API or console.
-- Its password hash is no BCrypt hash, so no password matches it even before the service-account check.
INSERT INTO admin_users (id, username, password_hash, role, service_account)
VALUES (gen_random_uuid(), 'gatehouse:bootstrap', '!', 'ADMIN', true)
ON CONFLICT (username) DO NOTHING;

ALTER TABLE api_tokens ADD COLUMN owner_id uuid REFERENCES admin_users (id) ON DELETE CASCADE;
UPDATE api_tokens SET owner_id = (SELECT id FROM admin_users WHERE username = 'gatehouse:bootstrap')
WHERE owner_id IS NULL;
ALTER TABLE api_tokens ALTER COLUMN owner_id SET NOT NULL;
ALTER TABLE api_tokens ADD COLUMN expires_at timestamptz;
CREATE INDEX api_tokens_owner_idx ON api_tokens (owner_id);
