package dev.gatehouse.admin.route;

import dev.gatehouse.config.composite.StepField;
import java.util.List;
import java.util.Map;

/**
 * One step of a composite route as the API takes and shows it. Templates are literal text with variables
 * {@code {path.N}}, {@code {query.name}}, {@code {header.Name}} and {@code {step.name/json-pointer}}; nothing is
 * evaluated.
 *
 * @param name      unique in the route: lower-case letters, digits, {@code -} and {@code _}, starting with a letter
 * @param service   name (or id) of the service called, as a route names its service
 * @param method    HTTP method; default {@code GET}
 * @param path      path template sent to the service, such as {@code /products/{path.1}}
 * @param query     query parameters sent: name to value template
 * @param headers   request headers sent: name to value template
 * @param passBody  whether the client's request body is sent with this step (one step at most); default false
 * @param dependsOn steps that must answer first; every step whose answer a template uses must be listed
 * @param timeoutMs time for this step in ms; 0 or absent means the route's deadline
 * @param required  whether the composite call fails when this step fails; default true
 * @param placement {@code nest} (under a member named after the step, the default) or {@code merge} (members
 *                  merged into the top level)
 * @param fields    members kept from the step's answer, each a JSON Pointer and an optional new name; empty keeps
 *                  the whole answer
 */
public record StepRequest(String name, String service, String method, String path, Map<String, String> query,
                          Map<String, String> headers, Boolean passBody, List<String> dependsOn, Integer timeoutMs,
                          Boolean required, String placement, List<StepField> fields) {
}
