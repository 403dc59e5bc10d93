package dev.gatehouse.admin.declarative;

import dev.gatehouse.admin.console.FlashMessage;
import dev.gatehouse.admin.publish.RevisionService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's import / export page ({@code /config/transfer}) and rollback confirmation
 * ({@code /config/history/{revision}/rollback}): export downloads the document; import previews the dry run's diff
 * and applies the same text at the revision the preview was made at (a stale preview is refused); a rollback shows
 * its dry run and what it keeps before the confirming POST. Editors and admins only.
 */
@Controller
class TransferConsoleController {

    private static final String PAGE = "config/transfer";
    private static final String ROLLBACK_PAGE = "config/rollback";

    private final DeclarativeConfig declarative;
    private final ConfigRollback rollbacks;
    private final RevisionService revisions;

    TransferConsoleController(DeclarativeConfig declarative, ConfigRollback rollbacks, RevisionService revisions) {
        this.declarative = declarative;
        this.rollbacks = rollbacks;
        this.revisions = revisions;
    }

    /** What the import form holds, shown again with its preview or its errors. */
    record ImportForm(String document, boolean prune, String tag, Long ifRevision) {
    }

    @GetMapping("/config/transfer")
    String page(Model model) {
        model.addAttribute("form", new ImportForm("", false, "", null));
        return PAGE;
    }

    @GetMapping("/config/transfer/export")
    ResponseEntity<byte[]> export(@RequestParam(defaultValue = "yaml") String format,
                                  @RequestParam(required = false) String tag,
                                  @RequestParam(required = false) String service) {
        DocumentFormat.Kind kind = DeclarativeApiController.format(format);
        return ResponseEntity.ok()
                .contentType(kind == DocumentFormat.Kind.YAML ? MediaType.parseMediaType("application/yaml")
                        : MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("gatehouse." + kind.name().toLowerCase(Locale.ROOT)).build().toString())
                .body(declarative.export(kind, tag, service));
    }

    @PostMapping("/config/transfer/preview")
    String preview(@RequestParam(defaultValue = "") String document,
                   @RequestParam(required = false) MultipartFile file,
                   @RequestParam(defaultValue = "false") boolean prune,
                   @RequestParam(defaultValue = "") String tag, Model model) throws IOException {
        String text = file != null && !file.isEmpty() ? new String(file.getBytes(), StandardCharsets.UTF_8) : document;
        // Read before the dry run: if anything commits in between, applying is refused as stale, never wrong.
        long at = revisions.current().revision();
        ImportForm form = new ImportForm(text, prune, tag, at);
        model.addAttribute("form", form);
        try {
            model.addAttribute("preview", run(form, true));
        } catch (DocumentInvalidException e) {
            model.addAttribute("problems", e.errors());
        }
        return PAGE;
    }

    @PostMapping("/config/transfer/apply")
    String apply(@RequestParam(defaultValue = "") String document,
                 @RequestParam(defaultValue = "false") boolean prune,
                 @RequestParam(defaultValue = "") String tag, @RequestParam Long ifRevision, Model model,
                 RedirectAttributes redirect) {
        ImportForm form = new ImportForm(document, prune, tag, ifRevision);
        try {
            ChangeAnswer answer = run(form, false);
            if (answer.revision() == null) {
                FlashMessage.success(redirect, "flash.config.importedNothing");
            } else {
                FlashMessage.success(redirect, "flash.config.imported", answer.changes().size(), answer.revision());
            }
            return "redirect:/config/transfer";
        } catch (DocumentInvalidException e) {
            model.addAttribute("form", form);
            model.addAttribute("problems", e.errors());
        } catch (StaleRevisionException e) {
            model.addAttribute("form", new ImportForm(document, prune, tag, null));
            model.addAttribute("stale", e.current());
        }
        return PAGE;
    }

    private ChangeAnswer run(ImportForm form, boolean dryRun) {
        // YAML reads JSON too (JSON is YAML's flow style), so the console takes either without asking which.
        return declarative.importDocument(form.document().getBytes(StandardCharsets.UTF_8), DocumentFormat.Kind.YAML,
                new DeclarativeConfig.ImportOptions(dryRun, form.prune(), form.tag(), null, form.ifRevision()));
    }

    @GetMapping("/config/history/{revision}/rollback")
    String rollbackPreview(@PathVariable long revision, Model model) {
        model.addAttribute("revision", revision);
        if (!rollbacks.available()) {
            model.addAttribute("unavailable", true);
            return ROLLBACK_PAGE;
        }
        long at = revisions.current().revision();
        model.addAttribute("ifRevision", at);
        try {
            model.addAttribute("preview", rollbacks.rollback(revision, true, at));
        } catch (DocumentInvalidException e) {
            model.addAttribute("problems", e.errors());
        } catch (StaleRevisionException e) {
            model.addAttribute("stale", e.current());
        }
        return ROLLBACK_PAGE;
    }

    @PostMapping("/config/history/{revision}/rollback")
    String rollback(@PathVariable long revision, @RequestParam Long ifRevision, Model model,
                    RedirectAttributes redirect) {
        model.addAttribute("revision", revision);
        if (!rollbacks.available()) {
            model.addAttribute("unavailable", true);
            return ROLLBACK_PAGE;
        }
        try {
            ChangeAnswer answer = rollbacks.rollback(revision, false, ifRevision);
            if (answer.revision() == null) {
                FlashMessage.success(redirect, "flash.config.rolledBackNothing", revision);
                return "redirect:/config/history/" + revision;
            }
            FlashMessage.success(redirect, "flash.config.rolledBack", revision, answer.revision());
            return "redirect:/config/history/" + answer.revision();
        } catch (DocumentInvalidException e) {
            model.addAttribute("problems", e.errors());
        } catch (StaleRevisionException e) {
            model.addAttribute("stale", e.current());
        }
        return ROLLBACK_PAGE;
    }
}
