package io.github.accountopening.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Response;
import feign.codec.ErrorDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** 400 and 422 are NexusBank's word on the opening; every other error status is a technical failure. */
public class NexusBankErrorDecoder implements ErrorDecoder {

    private final ObjectMapper json;

    public NexusBankErrorDecoder(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Exception decode(String methodKey, Response response) {
        String body = body(response);
        int status = response.status();
        if (status == 400 || status == 422) {
            return new ProviderRejectedException(reason(body));
        }
        return new ProviderUnavailableException("NexusBank answered HTTP " + status + " to "
                + response.request().httpMethod() + " " + response.request().url()
                + (body.isBlank() ? "" : ": " + abbreviate(body)));
    }

    private String reason(String body) {
        try {
            JsonNode node = json.readTree(body);
            if (node != null && node.hasNonNull("reason")) {
                return node.get("reason").asText();
            }
        } catch (IOException ignored) {
            // not JSON: the raw body is the best reason we have
        }
        return body.isBlank() ? "no reason given" : abbreviate(body);
    }

    private static String body(Response response) {
        if (response.body() == null) {
            return "";
        }
        try (InputStream in = response.body().asInputStream()) {
            return new String(in.readNBytes(4096), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
