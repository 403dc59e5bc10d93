package dev.gatehouse.admin.declarative;

import tools.jackson.databind.node.ObjectNode;

/**
 * One configuration object in document form: its API request shape, references by name, null fields left out,
 * secrets in clear (this form never leaves the admin unredacted).
 *
 * @param kind what it is
 * @param id   its stable id, or null for an object only a file describes
 * @param name its name
 * @param form its document form
 */
record DocObject(DocumentKind kind, String id, String name, ObjectNode form) {
}
