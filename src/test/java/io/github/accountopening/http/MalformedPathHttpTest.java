package io.github.accountopening.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.accountopening.support.Api;
import io.github.accountopening.support.HttpTest;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A path the firewall will not route (double slashes, path parameters, encoded slashes) is the
 * caller's mistake: 400 saying the path was refused, one WARN line, no ERROR and no stack trace.
 */
@HttpTest
@ExtendWith(OutputCaptureExtension.class)
class MalformedPathHttpTest {

    @Autowired
    Api api;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "//engine-rest/engine",
                "/engine-rest;a=b/engine",
                "/engine-rest%2Fengine",
                "/api/account-openings/req%2F1",
                "/api//account-openings",
                "/camunda;x=1/app/cockpit/"
            })
    void isRefusedWith400AndOneWarnLine(String path, CapturedOutput output) {
        Api.Reply reply = api.get(path, "demo", "demo");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("detail").asText()).contains("request path", "refused");
        assertThat(output.getOut().lines().filter(line -> line.contains(path)))
                .singleElement()
                .asString()
                .contains(" WARN ", "refused");
        // other openings may fail meanwhile: nothing about this request, and no servlet failure at all
        assertThat(output.getAll().lines().filter(line -> line.contains(" ERROR ")))
                .noneMatch(line -> line.contains(path));
        assertThat(output.getAll())
                .doesNotContain("RequestRejectedException", "Invalid contextPath", "Servlet.service()");
    }
}
