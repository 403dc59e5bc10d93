-- Console sign-in attempts: who tried to sign in, from where, and how it ended. Never holds a password.
-- username is the name as typed (it may name no user), cut to 100 characters by the admin; client_address is the
-- address the admin believed (the socket peer, or X-Forwarded-For as far as trusted proxies vouch for it).
-- outcome: SUCCESS, FAILURE (password checked and refused: wrong password, unknown or disabled user) or THROTTLED
-- (refused without checking the password; written once per refused streak, not for every refused attempt).
-- Rows older than gatehouse.admin.sign-in.retention (90 days) are deleted by the admin every hour.
-- PostgreSQL only. Never edit this file once applied; add a later version instead.
CREATE TABLE sign_in_event (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at             timestamptz NOT NULL,
    username       text        NOT NULL CHECK (char_length(username) <= 100),
    client_address text        NOT NULL CHECK (char_length(client_address) <= 64),
    outcome        text        NOT NULL CHECK (outcome IN ('SUCCESS', 'FAILURE', 'THROTTLED'))
);

CREATE INDEX sign_in_event_at ON sign_in_event (at);
CREATE INDEX sign_in_event_username ON sign_in_event (username, id);
