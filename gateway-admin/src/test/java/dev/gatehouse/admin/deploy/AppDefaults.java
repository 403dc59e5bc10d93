package dev.gatehouse.admin.deploy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the applications and their Dockerfiles say about ports, probes and images, read from the sources the
 * deployment files must agree with: each module's {@code application.yml} and {@code Dockerfile}.
 *
 * @param adminPort      the admin's default {@code SERVER_PORT}
 * @param proxyPort      the node's default {@code SERVER_PORT}
 * @param managementPort the node's default {@code MANAGEMENT_SERVER_PORT}
 * @param version        the project version, as in the jar names the Dockerfiles copy
 */
record AppDefaults(int adminPort, int proxyPort, int managementPort, String version) {

    static final String READINESS = "/actuator/health/readiness";
    static final String LIVENESS = "/actuator/health/liveness";
    static final String ADMIN_YML = "gateway-admin/src/main/resources/application.yml";
    static final String RUNTIME_YML = "gateway-runtime/src/main/resources/application.yml";

    static AppDefaults read() {
        String admin = DeployFiles.read(DeployFiles.ROOT.resolve(ADMIN_YML));
        String runtime = DeployFiles.read(DeployFiles.ROOT.resolve(RUNTIME_YML));
        String adminDockerfile = DeployFiles.read(DeployFiles.ROOT.resolve("gateway-admin/Dockerfile"));
        String runtimeDockerfile = DeployFiles.read(DeployFiles.ROOT.resolve("gateway-runtime/Dockerfile"));
        int adminPort = Integer.parseInt(find(admin, "port: \\$\\{SERVER_PORT:(\\d+)}", ADMIN_YML));
        int proxyPort = Integer.parseInt(find(runtime, "\\n  port: \\$\\{SERVER_PORT:(\\d+)}", RUNTIME_YML));
        int managementPort = Integer.parseInt(find(runtime, "port: \\$\\{MANAGEMENT_SERVER_PORT:(\\d+)}", RUNTIME_YML));
        // the images set the same ports as the applications' defaults
        check(adminDockerfile, "SERVER_PORT=" + adminPort, "gateway-admin/Dockerfile");
        check(runtimeDockerfile, "SERVER_PORT=" + proxyPort, "gateway-runtime/Dockerfile");
        check(runtimeDockerfile, "MANAGEMENT_SERVER_PORT=" + managementPort, "gateway-runtime/Dockerfile");
        String version = find(adminDockerfile, "gateway-admin-([0-9][^ ]*)\\.jar", "gateway-admin/Dockerfile");
        check(runtimeDockerfile, "gateway-runtime-" + version + ".jar", "gateway-runtime/Dockerfile");
        // liveness and readiness groups exist (Spring Boot's probe paths) on both
        for (String[] yml : new String[][] {{admin, ADMIN_YML}, {runtime, RUNTIME_YML}}) {
            find(yml[0], "probes:\\s*\\n(?:\\s*#[^\\n]*\\n)?\\s*enabled: (true)", yml[1]);
            find(yml[0], "include: ([^\\n]*health[^\\n]*)", yml[1]);
        }
        return new AppDefaults(adminPort, proxyPort, managementPort, version);
    }

    /** The image a Dockerfile's module is built as (the name docker-compose gives it). */
    String image(String module) {
        return switch (module) {
            case "gateway-admin" -> "gatehouse-admin:" + version;
            case "gateway-runtime" -> "gatehouse-runtime:" + version;
            default -> throw new IllegalArgumentException(module);
        };
    }

    private static String find(String text, String regex, String where) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new AssertionError(where + " has nothing matching " + regex);
        }
        return m.group(1);
    }

    private static void check(String text, String expected, String where) {
        if (!text.contains(expected)) {
            throw new AssertionError(where + " does not contain " + expected);
        }
    }
}
