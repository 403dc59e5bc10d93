/**
 * Composite routes: one client call answered by several upstream calls (steps) assembled into one JSON answer.
 * The records here are the contract between the admin and the nodes; templates and JSON Pointers are data, never
 * an expression language.
 */
package dev.gatehouse.config.composite;
