package dev.gatehouse.admin.user;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/users}: users and service accounts, for admins only (enforced by the security configuration).
 * The caller is the owner of the token used, so an admin's own token cannot lock that admin out.
 */
@RestController
@RequestMapping("/api/v1/users")
class UserApiController {

    private final AdminUserService users;

    UserApiController(AdminUserService users) {
        this.users = users;
    }

    @GetMapping
    List<UserView> list() {
        return users.list();
    }

    @GetMapping("/{username}")
    UserView get(@PathVariable String username) {
        return users.get(username);
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<UserView> create(@RequestBody UserRequests.Create request) {
        UserView created = users.create(request.username(), request.role(), request.password(),
                Boolean.TRUE.equals(request.serviceAccount()));
        return ResponseEntity.created(URI.create("/api/v1/users/" + created.username())).body(created);
    }

    @PatchMapping(path = "/{username}", consumes = MediaType.APPLICATION_JSON_VALUE)
    UserView change(@PathVariable String username, @RequestBody UserRequests.Change request, Principal caller) {
        return users.change(caller.getName(), username, request.role(), request.enabled());
    }

    @PutMapping(path = "/{username}/password", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Void> resetPassword(@PathVariable String username, @RequestBody UserRequests.Password request) {
        users.resetPassword(username, request.password());
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{username}")
    ResponseEntity<Void> delete(@PathVariable String username, Principal caller) {
        users.delete(caller.getName(), username);
        return ResponseEntity.noContent().build();
    }
}
