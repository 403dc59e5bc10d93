/**
 * Traffic policies on the node. Each policy type is a sub-package holding its filter (ordered by
 * {@link dev.gatehouse.runtime.FilterOrder}) and its compiled form; this package holds what they share: the
 * {@link dev.gatehouse.runtime.policy.PolicyCache} that compiles each route's effective policy once per
 * configuration, and the {@link dev.gatehouse.runtime.policy.PolicyContext} of a routed call. Policy values are
 * data: nothing is ever evaluated as an expression.
 */
package dev.gatehouse.runtime.policy;
