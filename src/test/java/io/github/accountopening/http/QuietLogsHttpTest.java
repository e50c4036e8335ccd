package io.github.accountopening.http;

import static io.github.accountopening.support.Api.newRequestId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.accountopening.support.Api;
import io.github.accountopening.support.HttpTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * What the log says. A client's mistake (a refused start, a refused ops resolution, a refused webhook)
 * is one line at INFO or WARN saying what was wrong, without ERROR or a stack trace, so nobody is paged
 * for it; a real failure (a job that fails, a 500) is still logged with its cause.
 */
@HttpTest
@ExtendWith(OutputCaptureExtension.class)
class QuietLogsHttpTest {

    @Autowired
    Api api;

    @Test
    void aRefusedStartIsOneLineWithoutStackTrace(CapturedOutput output) {
        String requestId = newRequestId();
        assertThat(api.start(requestId, "C-quiet", "nl", "COMPANY", "Quiet B.V.")
                        .status())
                .isEqualTo(400);

        List<String> lines = linesAbout(output, requestId);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains(" INFO ", "refused", "market");
        assertQuiet(output, "InvalidStartException", "market");
    }

    @Test
    void aDuplicateStartIsOneLineWithoutStackTrace(CapturedOutput output) {
        String requestId = newRequestId();
        assertThat(api.start(requestId, "C-quiet", "DE", "COMPANY", "Twice GmbH")
                        .status())
                .isEqualTo(200);
        assertThat(api.start(requestId, "C-quiet", "DE", "COMPANY", "Twice GmbH")
                        .status())
                .isEqualTo(400);

        assertThat(linesAbout(output, requestId))
                .filteredOn(l -> l.contains("refused"))
                .singleElement()
                .asString()
                .contains(" INFO ", "already exists");
        assertQuiet(output, "InvalidStartException", requestId);
    }

    @Test
    void aRefusedOpsResolutionIsOneLineWithoutStackTrace(CapturedOutput output) {
        String requestId = newRequestId();
        api.start(requestId, "C-quiet", "NL", "COMPANY", "Escalated B.V. [stuck]");
        String processInstanceId =
                api.record(requestId).json().get("processInstanceId").asText();
        JsonNode tasks = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> api.get("/engine-rest/task?processInstanceId=" + processInstanceId, "demo", "demo")
                                .json(),
                        t -> t.size() == 1);

        Api.Reply refused =
                api.post("/engine-rest/task/" + tasks.get(0).get("id").asText() + "/complete", """
                {"variables": {"resolution": {"value": "MANUAL"}, "iban": {"value": "NL00ABNA0417164300"}, "bic": {"value": "ABNANL2A"}}}""", "demo", "demo");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(linesAbout(output, requestId))
                .filteredOn(l -> l.contains("refused"))
                .singleElement()
                .asString()
                .contains(" INFO ", "iban");
        assertQuiet(output, "InvalidResolutionException", "iban");
    }

    @Test
    void aRefusedWebhookIsOneLineWithoutStackTrace(CapturedOutput output) {
        String webhookId = "msg_quiet_" + System.nanoTime();
        assertThat(api.webhook(
                                webhookId,
                                Instant.now().getEpochSecond(),
                                "{}",
                                "whsec_Zm9yZ2VkLWZvcmdlZC1mb3JnZWQtZm9yZ2Vk")
                        .status())
                .isEqualTo(401);

        List<String> lines = linesAbout(output, webhookId);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains(" WARN ", "401", "bad_signature");
        assertQuiet(output, "WebhookRejectedException", webhookId);
    }

    @Test
    void aRefusedSvixDeliveryIsLoggedWithItsSvixId(CapturedOutput output) {
        String svixId = "msg_quiet_svix_" + System.nanoTime();
        Api.Reply refused = api.webhookWithHeaders(
                "{}",
                java.util.Map.of(
                        "svix-id",
                        svixId,
                        "svix-timestamp",
                        Long.toString(Instant.now().getEpochSecond()),
                        "svix-signature",
                        "v1,Zm9yZ2Vk"));
        assertThat(refused.status()).isEqualTo(401);

        List<String> lines = linesAbout(output, svixId);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains(" WARN ", "401", "bad_signature", "svix-signature");
        assertQuiet(output, "WebhookRejectedException", svixId);
    }

    @Test
    void aFailingJobAndA500AreStillLoggedWithTheirCause(CapturedOutput output) {
        String requestId = newRequestId();
        api.start(requestId, "C-quiet", "NL", "COMPANY", "Down B.V. [provider-down]");
        String processInstanceId =
                api.record(requestId).json().get("processInstanceId").asText();

        await().atMost(Duration.ofSeconds(30))
                .until(() -> logged(
                        output, "(?s) ERROR .*ProviderUnavailableException: NexusBank answered HTTP 503.*\\n\\s+at "));

        JsonNode job = await().until(
                        () -> api.get("/engine-rest/job?processInstanceId=" + processInstanceId, "demo", "demo")
                                .json(),
                        j -> j.size() == 1);
        assertThat(api.post("/engine-rest/job/" + job.get(0).get("id").asText() + "/execute", "", "demo", "demo")
                        .status())
                .isEqualTo(500);
        await().until(() -> logged(output, "(?s)ENGINE-REST-HTTP500.*ProviderUnavailableException.*\\n\\s+at "));
    }

    private static boolean logged(CapturedOutput output, String regex) {
        return Pattern.compile(regex).matcher(output.getOut()).find();
    }

    private static List<String> linesAbout(CapturedOutput output, String marker) {
        return output.getOut().lines().filter(l -> l.contains(marker)).toList();
    }

    /** Neither an ERROR about it nor a stack trace naming the exception (other openings may fail meanwhile). */
    private static void assertQuiet(CapturedOutput output, String exception, String about) {
        assertThat(output.getAll()).doesNotContain(exception);
        assertThat(output.getAll().lines().filter(l -> l.contains(" ERROR ") || l.contains("ENGINE-16004")))
                .noneMatch(l -> l.contains(about));
    }
}
