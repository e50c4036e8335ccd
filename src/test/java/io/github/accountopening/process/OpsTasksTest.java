package io.github.accountopening.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpsTasksTest {

    @Test
    void aNameWithTheLongestRequestIdAndLegalNameStillFitsCamundasColumn() {
        String requestId = "r".repeat(64);
        String name = OpsTasks.name(OpsTasks.CONTRADICTING, requestId, "NL", "L".repeat(200));

        assertThat(name)
                .hasSize(OpsTasks.MAX_NAME)
                .startsWith("Contradicting statuses " + requestId + " · NL · LLL")
                .endsWith("L…");
        assertThat(OpsTasks.name(OpsTasks.STUCK, "req-60", "NL", "Acme B.V."))
                .isEqualTo("Stuck opening req-60 · NL · Acme B.V.");
    }
}
