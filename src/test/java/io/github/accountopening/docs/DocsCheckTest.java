package io.github.accountopening.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The docs check CI runs (scripts/check-docs.mjs): every relative link and #anchor in README.md and docs/
 * resolves, and every alert names a runbook section that exists. It passes on the repository and fails,
 * naming the broken link, on a tree that has one.
 */
class DocsCheckTest {

    record Result(int exit, String output) {}

    static Result check(Path root) throws IOException, InterruptedException {
        Process node = new ProcessBuilder(
                        "node",
                        Path.of("scripts/check-docs.mjs").toAbsolutePath().toString(),
                        root.toString())
                .redirectErrorStream(true)
                .start();
        assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(node.exitValue(), new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    static Path tree(Path root, String readme, String ops, String alerts) throws IOException {
        Files.createDirectories(root.resolve("docs"));
        Files.createDirectories(root.resolve("docker/prometheus"));
        Files.writeString(root.resolve("README.md"), readme);
        Files.writeString(root.resolve("docs/ops.md"), ops);
        Files.writeString(root.resolve("docker/prometheus/alerts.yml"), alerts);
        return root;
    }

    static final String OPS =
            "# Ops\n\n## Runbook\n\n### JiraFailing\n\nCheck Jira.\n\n### The `demo` user's rights, again!\n";

    static String alert(String runbook) {
        return "groups:\n  - name: g\n    rules:\n      - alert: JiraFailing\n        expr: vector(1)\n"
                + "        annotations:\n"
                + (runbook == null ? "          summary: x\n" : "          runbook_url: " + runbook + "\n");
    }

    @Test
    void theRepositorysDocsHaveNoBrokenLinkAndEveryAlertItsRunbook() throws Exception {
        Result result = check(Path.of("").toAbsolutePath());

        assertThat(result.output()).doesNotContain("broken", "no runbook");
        assertThat(result.exit()).isZero();
    }

    @Test
    void linksAndAnchorsThatResolveByGitHubsRulesPass(@TempDir Path dir) throws Exception {
        Path root = tree(
                dir,
                "[ops](docs/ops.md#jirafailing) [again](docs/ops.md#the-demo-users-rights-again) [top](#readme)\n\n# Readme\n"
                        + "[site](https://example.org/x#y) [alerts](docker/prometheus/alerts.yml)\n",
                OPS,
                alert("docs/ops.md#jirafailing"));

        Result result = check(root);

        assertThat(result.exit()).as(result.output()).isZero();
    }

    @Test
    void aLinkToAMissingFileFailsNamingIt(@TempDir Path dir) throws Exception {
        Path root = tree(dir, "# Readme\n\nSee [the guide](docs/gone.md).\n", OPS, alert("docs/ops.md#jirafailing"));

        Result result = check(root);

        assertThat(result.exit()).isNotZero();
        assertThat(result.output()).contains("README.md:3: broken link docs/gone.md");
    }

    @Test
    void anAnchorNoHeadingMakesFailsNamingIt(@TempDir Path dir) throws Exception {
        Path root = tree(dir, "# Readme\n\n[ops](docs/ops.md#jira-failing)\n", OPS, alert("docs/ops.md#jirafailing"));

        Result result = check(root);

        assertThat(result.exit()).isNotZero();
        assertThat(result.output()).contains("README.md:3: broken link docs/ops.md#jira-failing");
    }

    @Test
    void anAlertWithoutARunbookOrWithAMissingSectionFails(@TempDir Path dir) throws Exception {
        Result missing = check(tree(dir.resolve("a"), "# Readme\n", OPS, alert(null)));
        Result wrong = check(tree(dir.resolve("b"), "# Readme\n", OPS, alert("docs/ops.md#jira")));

        assertThat(missing.exit()).isNotZero();
        assertThat(missing.output()).contains("alert JiraFailing has no runbook_url");
        assertThat(wrong.exit()).isNotZero();
        assertThat(wrong.output()).contains("alert JiraFailing: broken runbook_url docs/ops.md#jira");
    }
}
