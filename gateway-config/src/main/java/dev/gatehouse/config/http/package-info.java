/**
 * Small validated types for the HTTP vocabulary of a configuration (header names, hosts, path prefixes, methods),
 * shared by the admin, which checks what it is given, and the nodes, which check a whole configuration again before
 * they use it. Each type checks text ({@code isValid}) and, as a value, refuses to hold anything invalid.
 */
package dev.gatehouse.config.http;
