/**
 * Traffic policies on the node. Each policy type is a sub-package holding its factory (a
 * {@link dev.gatehouse.runtime.live.PolicyFilterFactory}, ordered by {@link dev.gatehouse.runtime.FilterOrder}) and
 * its compiled form; the factory compiles each policy once per configuration and builds each route's filter when
 * the configuration is swapped in. Policy values are data: nothing is ever evaluated as an expression.
 */
package dev.gatehouse.runtime.policy;
