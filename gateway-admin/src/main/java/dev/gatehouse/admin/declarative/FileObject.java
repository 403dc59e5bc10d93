package dev.gatehouse.admin.declarative;

import tools.jackson.databind.node.ObjectNode;

/**
 * One object of a configuration document, as the file gives it.
 *
 * @param kind  what it is
 * @param path  where it is in the file ({@code routes[3]}), or for a rollback which object it is
 * @param name  its name
 * @param form  its fields as written, null fields left out
 */
record FileObject(DocumentKind kind, String path, String name, ObjectNode form) {
}
