package dev.gatehouse.admin.route;

import java.util.List;

/**
 * The steps of a composite route and its limits, as the API takes and shows them ({@code "composite"} of a route
 * whose {@code kind} is {@code composite}). Absent limits take the contract's defaults; the API shows the values
 * in force, so a route read back can be sent again unchanged.
 *
 * @param deadlineMs           total time for the composite call, 1 to 120000 ms; default 10000
 * @param maxStepResponseBytes most bytes read from one step's answer; default 1 MiB, at most 16 MiB
 * @param maxResponseBytes     most bytes of the assembled answer; default 4 MiB, at most 16 MiB
 * @param steps                the upstream calls, 1 to 16
 */
public record CompositeRequest(Integer deadlineMs, Integer maxStepResponseBytes, Integer maxResponseBytes,
                               List<StepRequest> steps) {
}
