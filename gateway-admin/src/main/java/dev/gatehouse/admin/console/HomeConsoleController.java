package dev.gatehouse.admin.console;

import org.springframework.web.bind.annotation.GetMapping;

/** The console's start page. Services until a dashboard exists. */
@ConsoleController
class HomeConsoleController {

    @GetMapping("/")
    String home() {
        return "redirect:/services";
    }
}
