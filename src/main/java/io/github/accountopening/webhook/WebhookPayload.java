package io.github.accountopening.webhook;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.accountopening.account.BankAccount;
import io.github.accountopening.account.ProviderStatus;
import io.github.accountopening.account.ReportFields;
import io.github.accountopening.account.StatusReport;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/** The body NexusBank sends: {@code {"tracking_id","reference","status","iban","bic","reason","occurred_at"}}. */
public record WebhookPayload(
        @JsonProperty("tracking_id") @Nullable String trackingId,
        @Nullable String reference,
        @Nullable String status,
        @Nullable String iban,
        @Nullable String bic,
        @Nullable String reason,
        @JsonProperty("occurred_at") @Nullable String occurredAt) {

    /** Parses and checks a verified body; every refusal is a 400 whose detail names the field. */
    static StatusReport parse(ObjectMapper json, String body, String webhookId) {
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw badRequest("not_json", "body is not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw badRequest("not_json", "body must be a JSON object");
        }
        WebhookPayload payload;
        try {
            payload = json.treeToValue(node, WebhookPayload.class);
        } catch (JsonProcessingException e) {
            throw badRequest("invalid_payload", "body does not have the webhook's shape: " + e.getOriginalMessage());
        }
        return payload.toReport(webhookId);
    }

    StatusReport toReport(String webhookId) {
        checkFields();
        if (isBlank(trackingId) && isBlank(reference)) {
            throw badRequest(
                    "invalid_payload", "neither tracking_id nor reference is given: the webhook names no opening");
        }
        ProviderStatus parsed = ProviderStatus.parse(status)
                .orElseThrow(() -> badRequest(
                        "invalid_payload",
                        "status " + ReportFields.shown(String.valueOf(status)) + " is unknown; expected one of "
                                + ProviderStatus.names()));
        BankAccount account = null;
        if (parsed == ProviderStatus.COMPLETED) {
            try {
                account = BankAccount.of(iban, bic);
            } catch (BankAccount.InvalidBankAccountException e) {
                throw badRequest("invalid_account", "a COMPLETED status needs a valid iban and bic: " + e.getMessage());
            }
        }
        return StatusReport.webhook(
                blankToNull(reference), blankToNull(trackingId), parsed, account, reason, webhookId);
    }

    /** Length and shape of every field, before anything of it gets near the database. */
    private void checkFields() {
        try {
            ReportFields.trackingId("tracking_id", blankToNull(trackingId));
            ReportFields.requestId("reference", blankToNull(reference));
            ReportFields.iban("iban", iban);
            ReportFields.bic("bic", bic);
            ReportFields.reason("reason", reason);
        } catch (ReportFields.InvalidFieldException e) {
            throw badRequest("invalid_field", e.getMessage());
        }
        if (occurredAt != null) {
            try {
                OffsetDateTime.parse(occurredAt);
            } catch (DateTimeParseException e) {
                throw badRequest(
                        "invalid_field",
                        "occurred_at must be an ISO-8601 time with its offset, like 2026-01-31T12:00:00Z, was "
                                + ReportFields.shown(occurredAt));
            }
        }
    }

    private static WebhookRejectedException badRequest(String reason, @Nullable String detail) {
        return new WebhookRejectedException(HttpStatus.BAD_REQUEST, reason, detail);
    }

    private static boolean isBlank(@Nullable String value) {
        return value == null || value.isBlank();
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return isBlank(value) ? null : value;
    }
}
