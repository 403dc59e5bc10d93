/**
 * Composite routes on the node: one client call answered by several upstream calls (steps) whose JSON answers are
 * assembled into one. {@link dev.gatehouse.runtime.composite.CompositeFilterFactory} compiles each composite route
 * when its configuration is swapped in (templates parsed, pointers split, dependencies resolved, each step's target
 * picker, timeouts, retry rules and breaker found) and ends the route's chain with its executor, in place of the
 * forwarding steps. Templates and JSON Pointers are data: nothing is evaluated.
 */
package dev.gatehouse.runtime.composite;
