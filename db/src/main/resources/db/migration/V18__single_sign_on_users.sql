-- Console single sign-on with OpenID Connect (issue 14, ADR 014).
-- origin: LOCAL (signs in with a password, or a service account) or OIDC (created at the first single sign-on;
-- no password: its hash is '!', which no password matches). external_id is the OIDC user's identity at the
-- provider, "<issuer> <subject>" (the subject is unique only per issuer): the row a later sign-in finds, whatever the
-- user's display name becomes. Sessions follow a user's role and state on every request by reading this row
-- (by its unique username), so no session version column is needed.
-- PostgreSQL only. Never edit this file once applied; add a later version instead.
ALTER TABLE admin_users ADD COLUMN origin text NOT NULL DEFAULT 'LOCAL' CHECK (origin IN ('LOCAL', 'OIDC'));
ALTER TABLE admin_users ADD COLUMN external_id text CHECK (char_length(external_id) <= 1000);
ALTER TABLE admin_users ADD CONSTRAINT admin_users_external_id_key UNIQUE (external_id);
ALTER TABLE admin_users ADD CONSTRAINT admin_users_oidc_has_external_id
    CHECK ((origin = 'OIDC') = (external_id IS NOT NULL));
