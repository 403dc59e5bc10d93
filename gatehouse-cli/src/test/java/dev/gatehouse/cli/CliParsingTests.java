package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Arguments, help and version, without any admin: usage errors exit 1, never 2 (which means "changes"). */
class CliParsingTests {

    private static final Map<String, String> NO_ENV = Map.of();

    @Test
    void helpListsTheCommandsTheExitCodesAndWhereTheTokenComesFrom() {
        CliRun run = CliRun.run(NO_ENV, "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("export", "diff", "apply", "revisions", "rollback", "GATEHOUSE_TOKEN",
                "--token-file", "Exit codes:", "0  success (diff: no changes)", "2  diff only: changes pending");
    }

    @Test
    void eachCommandHasHelpWithItsOptions() {
        CliRun diff = CliRun.run(NO_ENV, "diff", "--help");
        assertThat(diff.exitCode()).isZero();
        assertThat(diff.out()).contains("-f, --file=FILE", "--prune", "--tag=TAG", "--service=SERVICE", "--url=URL",
                "--token-file=FILE", "--cacert=FILE", "--timeout=SECONDS", "2  changes pending");
        assertThat(CliRun.run(NO_ENV, "help", "apply").out()).contains("--if-revision=N");
        assertThat(CliRun.run(NO_ENV, "export", "--help").out()).contains("--format=yaml|json", "-o, --output=FILE");
        assertThat(CliRun.run(NO_ENV, "rollback", "--help").out()).contains("--to=REVISION", "--dry-run");
        assertThat(CliRun.run(NO_ENV, "revisions", "--help").out()).contains("--limit=N");
    }

    @Test
    void versionNamesTheBuild() {
        CliRun run = CliRun.run(NO_ENV, "--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("gatehouse ").doesNotContain("unknown").doesNotContain("null").doesNotContain("@");
    }

    @Test
    void usageErrorsExitWithOneAndSayWhatIsWrong() {
        CliRun none = CliRun.run(NO_ENV);
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.err()).contains("name a command");

        CliRun missingFile = CliRun.run(NO_ENV, "diff");
        assertThat(missingFile.exitCode()).isEqualTo(1);
        assertThat(missingFile.err()).contains("Missing required option: '--file=FILE'");

        CliRun unknown = CliRun.run(NO_ENV, "apply", "-f", "x.yaml", "--force");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("Unknown option: '--force'");

        CliRun notANumber = CliRun.run(NO_ENV, "rollback", "--to", "latest");
        assertThat(notANumber.exitCode()).isEqualTo(1);
        assertThat(notANumber.err()).contains("--to");

        assertThat(CliRun.run(NO_ENV, "deploy").exitCode()).isEqualTo(1);
    }

    @Test
    void theTokenCannotBeGivenOnTheCommandLine() {
        CliRun run = CliRun.run(NO_ENV, "export", "--token", "ght_visible_in_ps");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("Unknown options: '--token'");
    }

    @Test
    void withoutATokenNothingIsSentAndTheMessageSaysWhereToPutOne() {
        CliRun run = CliRun.run(NO_ENV, "export", "--url", "http://127.0.0.1:9");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("error: no API token: set the environment variable GATEHOUSE_TOKEN"
                + " or pass --token-file FILE");
    }

    @Test
    void badOptionValuesAreErrorsNamingTheOption() {
        Map<String, String> env = Map.of("GATEHOUSE_TOKEN", "t", "GATEHOUSE_URL", "http://127.0.0.1:9");
        assertThat(CliRun.run(env, "export", "--format", "xml").err()).contains("error: --format must be yaml or json");
        assertThat(CliRun.run(env, "export", "-o", "out.txt").err()).contains("error: -o out.txt: the file name");
        assertThat(CliRun.run(env, "export", "-o", "out.json", "--format", "yaml").err())
                .contains("error: --format yaml does not match the name of -o out.json");
        assertThat(CliRun.run(env, "diff", "-f", "gatehouse.txt").err())
                .contains("error: -f gatehouse.txt: the file name must end in .yaml, .yml or .json");
        assertThat(CliRun.run(env, "diff", "-f", "absent.yaml").err()).contains("error: -f absent.yaml: no such file");
        assertThat(CliRun.run(env, "revisions", "--limit", "0").err()).contains("error: --limit must be at least 1");
        assertThat(CliRun.run(env, "export", "--timeout", "0").err()).contains("error: --timeout must be at least 1");
        assertThat(CliRun.run(env, "export", "--url", "admin:8000").err()).contains("error: --url admin:8000 must");
        assertThat(CliRun.run(env, "export", "--cacert", "ca.pem").err())
                .contains("error: --cacert is for an https admin");
        assertThat(CliRun.run(env, "export", "--url", "https://127.0.0.1:9", "--cacert", "absent.pem").err())
                .contains("error: --cacert absent.pem: no such file");
        assertThat(CliRun.run(env, "export", "--format", "xml").exitCode()).isEqualTo(1);
    }
}
