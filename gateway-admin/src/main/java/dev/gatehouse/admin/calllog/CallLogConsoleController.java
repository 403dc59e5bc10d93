package dev.gatehouse.admin.calllog;

import dev.gatehouse.admin.console.ConsoleController;
import dev.gatehouse.admin.console.FormErrors;
import dev.gatehouse.admin.web.InvalidInputException;
import dev.gatehouse.admin.web.NotFoundException;
import java.time.Clock;
import java.util.List;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The console's call-log pages: a filtered, paged list of calls (newest first, next page by cursor) and one
 * call with every field and, for a composite route, its steps as a waterfall. Filters are checked by the logs
 * API's rules and refused beside their field.
 */
@ConsoleController
class CallLogConsoleController {

    static final String LIST_VIEW = "logs/list";

    private final CallLogApiController api;
    private final CallLogService logs;
    private final Clock clock;
    private final String traceUrlTemplate;

    CallLogConsoleController(CallLogApiController api, CallLogService logs, Clock clock,
                             CallLogProperties properties) {
        this.api = api;
        this.logs = logs;
        this.clock = clock;
        this.traceUrlTemplate = properties.traceUrlTemplate();
    }

    @GetMapping("/logs")
    String list(@ModelAttribute("filter") LogSearchForm filter, BindingResult result, Model model) {
        model.addAttribute("presets", List.copyOf(LogSearchForm.PRESETS.keySet()));
        model.addAttribute("calls", List.of());
        try {
            CallLogPage page = api.search(filter.fromFor(clock.instant()), filter.toFor(), filter.getRoute(),
                    filter.getService(), filter.getConsumer(), filter.getKeyPrefix(), filter.getStatus(),
                    filter.getMinLatencyMs(), filter.getRequestId(), null, filter.getCursor());
            model.addAttribute("calls", page.items());
            model.addAttribute("tailUrl", tailUrl(filter));
            if (page.nextCursor() != null) {
                model.addAttribute("nextUrl", ServletUriComponentsBuilder.fromCurrentRequest()
                        .replaceQueryParam("cursor", page.nextCursor()).build().toUriString());
            }
            if (filter.getCursor() != null) {
                model.addAttribute("firstUrl", ServletUriComponentsBuilder.fromCurrentRequest()
                        .replaceQueryParam("cursor").build().toUriString());
            }
        } catch (InvalidInputException e) {
            FormErrors.bind(e.violations(), result, v -> v);
        }
        return LIST_VIEW;
    }

    /** The live tail with the page's filters (not its time range: a tail shows calls as they are stored). */
    static String tailUrl(LogSearchForm filter) {
        UriComponentsBuilder url = UriComponentsBuilder.fromPath("/logs/tail");
        param(url, "route", filter.getRoute());
        param(url, "service", filter.getService());
        param(url, "consumer", filter.getConsumer());
        param(url, "keyPrefix", filter.getKeyPrefix());
        param(url, "status", filter.getStatus());
        param(url, "minLatencyMs", filter.getMinLatencyMs());
        param(url, "requestId", filter.getRequestId());
        return url.encode().build().toUriString();
    }

    private static void param(UriComponentsBuilder url, String name, String value) {
        if (value != null && !value.isBlank()) {
            url.queryParam(name, value.trim());
        }
    }

    @GetMapping("/logs/{requestId}")
    String detail(@PathVariable String requestId, Model model) {
        CallLogDetail detail = logs.detail(requestId)
                .orElseThrow(() -> new NotFoundException("no call with request id " + requestId));
        model.addAttribute("call", detail.call());
        model.addAttribute("waterfall", StepWaterfall.of(detail.call(), detail.steps()));
        model.addAttribute("traceUrl", TraceLink.url(traceUrlTemplate, detail.call().traceId()));
        return "logs/detail";
    }
}
