package dev.gatehouse.admin.quota;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/consumers/{consumer}/usage}: a consumer's quota usage in the current periods. */
@RestController
class QuotaApiController {

    private final QuotaUsageService usage;

    QuotaApiController(QuotaUsageService usage) {
        this.usage = usage;
    }

    @GetMapping("/api/v1/consumers/{consumer}/usage")
    ConsumerUsage usage(@PathVariable String consumer) {
        return usage.usage(consumer);
    }
}
