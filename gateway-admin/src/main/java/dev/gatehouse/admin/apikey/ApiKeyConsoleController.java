package dev.gatehouse.admin.apikey;

import dev.gatehouse.admin.console.ConsoleController;
import dev.gatehouse.admin.console.FlashMessage;
import dev.gatehouse.admin.console.FormErrors;
import dev.gatehouse.admin.console.FormSubmission;
import dev.gatehouse.admin.consumer.ConsumerService;
import dev.gatehouse.admin.quota.QuotaUsageService;
import dev.gatehouse.admin.consumer.ConsumerView;
import dev.gatehouse.admin.dashboard.RecentTraffic;
import dev.gatehouse.admin.route.RouteService;
import dev.gatehouse.admin.route.RouteView;
import dev.gatehouse.admin.upstream.ServiceView;
import dev.gatehouse.admin.upstream.UpstreamService;
import dev.gatehouse.admin.web.ConflictException;
import dev.gatehouse.admin.web.IfMatch;
import dev.gatehouse.admin.web.InvalidInputException;
import dev.gatehouse.admin.web.NotFoundException;
import dev.gatehouse.admin.web.PreconditionFailedException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A consumer's page with its API keys, and issuing, revoking and rotating keys. A new key is shown once: the POST
 * that makes it redirects to the key's page, which takes the key from the session ({@link KeyReveals}) and shows
 * it, marked {@code no-store} so no cache keeps it. Reloading that page sends no second POST (no second key) and
 * finds the key taken: it says the key was shown once, without it. The key is never put in a URL or a flash
 * attribute. The consumer's other pages belong to the consumer feature.
 */
@ConsoleController
class ApiKeyConsoleController {

    static final String DETAIL_VIEW = "consumers/detail";
    static final String ISSUED_VIEW = "keys/issued";
    static final String ROTATE_VIEW = "keys/rotate";
    static final String SHOWN_VIEW = "keys/shown";

    private final ApiKeyService keys;
    private final ConsumerService consumers;
    private final RouteService routes;
    private final UpstreamService services;
    private final RecentTraffic traffic;
    private final QuotaUsageService usage;
    private final KeyReveals reveals;

    ApiKeyConsoleController(ApiKeyService keys, ConsumerService consumers, RouteService routes,
                            UpstreamService services, RecentTraffic traffic, QuotaUsageService usage,
                            KeyReveals reveals) {
        this.reveals = reveals;
        this.traffic = traffic;
        this.usage = usage;
        this.keys = keys;
        this.consumers = consumers;
        this.routes = routes;
        this.services = services;
    }

    @GetMapping("/consumers/{id}")
    String detail(@PathVariable String id, Model model) {
        return showDetail(consumers.get(id), new IssueKeyForm(), model);
    }

    @PostMapping("/consumers/{id}/keys")
    String issue(@PathVariable String id, @ModelAttribute("issueKeyForm") IssueKeyForm form, BindingResult result,
                 Model model, HttpSession session) {
        ConsumerView consumer = consumers.get(id);
        if (!result.hasErrors()) {
            try {
                IssuedKey issued = keys.issue(consumer.id(), form.toRequest());
                return revealNext(session, consumer, issued, null);
            } catch (InvalidInputException e) {
                FormErrors.bind(e.violations(), result, form::toFormField);
            } catch (ConflictException e) {
                result.reject(FormErrors.VIOLATION, e.getMessage());
            }
        }
        return showDetail(consumer, form, model);
    }

    @GetMapping("/consumers/{id}/keys/{keyId}/revoke")
    String confirmRevoke(@PathVariable String id, @PathVariable String keyId, Model model) {
        ConsumerView consumer = consumers.get(id);
        model.addAttribute("consumer", consumer);
        model.addAttribute("key", keys.get(consumer.id(), keyId));
        return "keys/revoke";
    }

    @PostMapping("/consumers/{id}/keys/{keyId}/revoke")
    String revoke(@PathVariable String id, @PathVariable String keyId,
                  @RequestParam(required = false) Long version, RedirectAttributes redirect) {
        ConsumerView consumer = consumers.get(id);
        try {
            ApiKeyView key = keys.get(consumer.id(), keyId);
            try {
                keys.revoke(consumer.id(), key.id(), IfMatch.version(version));
            } catch (PreconditionFailedException e) {
                // Changed (rotated, say) since the confirmation page was shown: confirm again on the current key.
                FlashMessage.error(redirect, "flash.stale.revoke", key.prefix());
                return "redirect:/consumers/" + consumer.id() + "/keys/" + key.id() + "/revoke";
            }
            FlashMessage.success(redirect, "flash.key.revoked", key.prefix());
        } catch (NotFoundException e) {
            FlashMessage.error(redirect, "flash.notFound");
        } catch (ConflictException e) {
            FlashMessage.error(redirect, "flash.key.refused", e.getMessage());
        }
        return "redirect:/consumers/" + consumer.id();
    }

    @GetMapping("/consumers/{id}/keys/{keyId}/rotate")
    String confirmRotate(@PathVariable String id, @PathVariable String keyId, Model model) {
        ConsumerView consumer = consumers.get(id);
        return showRotate(consumer, keys.get(consumer.id(), keyId), new RotateKeyForm(), model);
    }

    @PostMapping("/consumers/{id}/keys/{keyId}/rotate")
    String rotate(@PathVariable String id, @PathVariable String keyId,
                  @ModelAttribute("rotateKeyForm") RotateKeyForm form, BindingResult result,
                  @RequestParam(required = false) Long version, Model model, HttpSession session) {
        ConsumerView consumer = consumers.get(id);
        ApiKeyView key = keys.get(consumer.id(), keyId);
        if (form.isOutOfRange()) {
            result.rejectValue("gracePeriodHours", "keys.rotate.graceRange", new Object[] {RotateKeyForm.MAX_HOURS},
                    null);
        }
        if (!result.hasErrors()) {
            try {
                IssuedKey issued = keys.rotate(consumer.id(), key.id(), form.toRequest(), IfMatch.version(version));
                return revealNext(session, consumer, issued, key.id());
            } catch (InvalidInputException e) {
                FormErrors.bind(e.violations(), result, form::toFormField);
            } catch (ConflictException e) {
                result.reject(FormErrors.VIOLATION, e.getMessage());
            } catch (PreconditionFailedException e) {
                // The key changed since the page was shown: show it as it is now (with its new version).
                result.reject(FormSubmission.STALE);
            }
        }
        return showRotate(consumer, key, form, model);
    }

    private String showDetail(ConsumerView consumer, IssueKeyForm form, Model model) {
        model.addAttribute("consumer", consumer);
        model.addAttribute("keys", keys.list(consumer.id()));
        model.addAttribute("issueKeyForm", form);
        List<String> routeNames = routes.list().stream().map(RouteView::name).toList();
        List<String> serviceNames = services.list().stream().map(ServiceView::name).toList();
        model.addAttribute("routeNames", routeNames);
        model.addAttribute("serviceNames", serviceNames);
        // Both pickers equally tall, showing a few entries and scrolling beyond.
        model.addAttribute("scopeListSize", Math.max(3, Math.min(6, Math.max(routeNames.size(), serviceNames.size()))));
        traffic.addLastHour(model, null, null, consumer.id());
        model.addAttribute("usage", usage.usage(consumer.id()));
        return DETAIL_VIEW;
    }

    private String showRotate(ConsumerView consumer, ApiKeyView key, RotateKeyForm form, Model model) {
        model.addAttribute("consumer", consumer);
        model.addAttribute("key", key);
        model.addAttribute("rotateKeyForm", form);
        model.addAttribute("maxHours", RotateKeyForm.MAX_HOURS);
        return ROTATE_VIEW;
    }

    /** Holds the new key for its page and sends the browser there (POST, redirect, GET). */
    private String revealNext(HttpSession session, ConsumerView consumer, IssuedKey issued, String replacedKeyId) {
        reveals.hold(session, consumer.id(), issued, replacedKeyId);
        return "redirect:/consumers/" + consumer.id() + "/keys/" + issued.id() + "/issued";
    }

    /**
     * The one page that shows a key, right after the POST that issued or rotated it; opened again (reload, back
     * button, a copied link), it says the key was shown once and shows only its prefix.
     */
    @GetMapping("/consumers/{id}/keys/{keyId}/issued")
    String issued(@PathVariable String id, @PathVariable String keyId, Model model, HttpServletRequest request,
                  HttpServletResponse response) {
        ConsumerView consumer = consumers.get(id);
        ApiKeyView key = keys.get(consumer.id(), keyId);
        // Neither page may come back from a cache: the first holds the key, the second must not look like it.
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader(HttpHeaders.PRAGMA, "no-cache");
        model.addAttribute("consumer", consumer);
        Optional<KeyReveals.Reveal> reveal = reveals.take(request.getSession(false), consumer.id(), key.id());
        if (reveal.isEmpty()) {
            model.addAttribute("key", key);
            return SHOWN_VIEW;
        }
        String replacedId = reveal.get().replacedKeyId();
        model.addAttribute("issued", reveal.get().key());
        model.addAttribute("replaced", replacedId == null ? null : keys.get(consumer.id(), replacedId));
        return ISSUED_VIEW;
    }
}
